/// The header row of a CSV file: finds columns by name.
public struct CSVHeader {
    let file: String
    let names: [String]

    /// Index of an optional column; `-1` when absent (reads as an empty field).
    public func optionalColumn(_ name: String) -> Int {
        names.firstIndex(of: name) ?? -1
    }

    /// Index of a required column, or a `missingColumn` error naming the columns found.
    public func requiredColumn(_ name: String) throws(CSVFileError) -> Int {
        if let index = names.firstIndex(of: name) { return index }
        throw CSVFileError(
            .missingColumn, file: file, line: 1,
            "no column \"\(name)\" in the header (found: \(names.joined(separator: ","))), expected a column named \(name)"
        )
    }
}
