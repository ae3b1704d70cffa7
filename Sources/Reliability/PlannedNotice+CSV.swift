import GridWatchCore

extension PlannedNotice {
    /// Loads `planned.csv`: `notice_id,scope,scope_id,start,end[,cause]`, one announced planned outage a
    /// row: `scope` is `area` or `line`, the window `[start, end)` in ISO-8601 with offset, and
    /// `notice_id` becomes the work order of the outages it covers, which take the class `planned`.
    public static func load(path: String) throws(CSVFileError) -> [PlannedNotice] {
        let reader = try CSVByteReader(path: path)
        let header = try reader.readHeader()
        let idColumn = try header.requiredColumn("notice_id"), scopeColumn = try header.requiredColumn("scope")
        let scopeIDColumn = try header.requiredColumn("scope_id")
        let startColumn = try header.requiredColumn("start"), endColumn = try header.requiredColumn("end")
        let causeColumn = header.optionalColumn("cause")
        let field = FieldParser(reader: reader)
        var notices: [PlannedNotice] = []
        while try reader.nextRecord() {
            let id = String(decoding: try field.required("notice_id", idColumn), as: UTF8.self)
            let scopeID = String(decoding: try field.required("scope_id", scopeIDColumn), as: UTF8.self)
            let scope: Scope
            switch String(decoding: try field.required("scope", scopeColumn), as: UTF8.self) {
            case "area": scope = .area(scopeID)
            case "line": scope = .line(scopeID)
            case let other:
                throw CSVFileError(.badValue, file: path, line: reader.line, "scope \"\(other)\" is not valid, expected area or line")
            }
            guard let start = try field.time("start", startColumn), let end = try field.time("end", endColumn) else {
                throw CSVFileError(.badValue, file: path, line: reader.line, "start and end are required, expected ISO-8601 times with offset")
            }
            guard end.unixSeconds > start.unixSeconds else {
                throw CSVFileError(.badValue, file: path, line: reader.line, "end is not after start, expected an announced window")
            }
            let cause = causeColumn >= 0 && !reader.field(causeColumn).isEmpty ? reader.string(causeColumn) : nil
            notices.append(PlannedNotice(scope: scope, start: start.unixSeconds, end: end.unixSeconds, workOrder: id, cause: cause))
        }
        return notices
    }
}
