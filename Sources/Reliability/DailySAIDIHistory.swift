import GridWatchCore

/// Daily system SAIDI (minutes) of past days: the history the Major Event Day threshold is taken from.
public struct DailySAIDIHistory: Sendable {
    public struct Day: Sendable, Hashable {
        public var date: CivilDate
        public var saidiMinutes: Double

        public init(date: CivilDate, saidiMinutes: Double) {
            self.date = date
            self.saidiMinutes = saidiMinutes
        }
    }

    public var days: [Day]

    public init(days: [Day]) { self.days = days }

    /// Loads `DAILY.csv`: `date,saidi_minutes` with dates `YYYY-MM-DD` and SAIDI ≥ 0.
    public static func load(path: String) throws(CSVFileError) -> DailySAIDIHistory {
        let reader = try CSVByteReader(path: path)
        let header = try reader.readHeader()
        let dateColumn = try header.requiredColumn("date"), saidiColumn = try header.requiredColumn("saidi_minutes")
        let field = FieldParser(reader: reader)
        var days: [Day] = []
        while try reader.nextRecord() {
            guard let date = ISO8601Time.parseDate(try field.required("date", dateColumn)) else {
                throw CSVFileError(.badValue, file: path, line: reader.line,
                                   "date \"\(reader.string(dateColumn))\" is not valid, expected a date YYYY-MM-DD")
            }
            guard let saidi = try field.number("saidi_minutes", saidiColumn), saidi >= 0 else {
                throw CSVFileError(.badValue, file: path, line: reader.line,
                                   "saidi_minutes \"\(reader.string(saidiColumn))\" is not valid, expected a number ≥ 0")
            }
            days.append(Day(date: date, saidiMinutes: saidi))
        }
        return DailySAIDIHistory(days: days)
    }
}
