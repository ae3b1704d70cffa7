/// Left-aligned columns separated by two spaces, one line per row, no trailing spaces.
enum TextTable {
    static func render(_ rows: [[String]]) -> String {
        guard let columnCount = rows.first?.count else { return "" }
        let widths = (0..<columnCount).map { column in rows.map { $0[column].count }.max()! }
        return rows.map { row in
            var line = ""
            for (column, cell) in row.enumerated() {
                if column > 0 { line += "  " }
                line += cell + String(repeating: " ", count: widths[column] - cell.count)
            }
            while line.last == " " { line.removeLast() }
            return line + "\n"
        }.joined()
    }
}
