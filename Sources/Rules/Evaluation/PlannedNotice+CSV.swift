import GridWatchCore
import Reliability

extension PlannedNotice {
    /// Loads `planned.csv`: `work_order,start,end,area,line[,class][,cause]`, one scope a row (an area or a
    /// line, named as in the topology); a notice over several areas repeats its work order. Times are
    /// ISO-8601 with offset. Outage records belong to a notice by their `work_order`.
    public static func loadAll(path: String, topology: Topology) throws(CSVFileError) -> [PlannedNotice] {
        let reader = try CSVByteReader(path: path)
        let header = try reader.readHeader()
        let workOrderColumn = try header.requiredColumn("work_order")
        let startColumn = try header.requiredColumn("start"), endColumn = try header.requiredColumn("end")
        let areaColumn = header.optionalColumn("area"), lineColumn = header.optionalColumn("line")
        let classColumn = header.optionalColumn("class"), causeColumn = header.optionalColumn("cause")
        let field = FieldParser(reader: reader)
        var notices: [PlannedNotice] = []
        while try reader.nextRecord() {
            let workOrder = String(decoding: try field.required("work_order", workOrderColumn), as: UTF8.self)
            guard let start = try field.time("start", startColumn), let end = try field.time("end", endColumn),
                  start.unixSeconds < end.unixSeconds
            else {
                throw CSVFileError(.badValue, file: path, line: reader.line, "start or end is empty or end is not after start, expected an announced window start < end")
            }
            let area = String(decoding: field.trimmed(areaColumn), as: UTF8.self)
            let line = String(decoding: field.trimmed(lineColumn), as: UTF8.self)
            let scope: Scope
            if !area.isEmpty, line.isEmpty, topology.areas.names.contains(area) {
                scope = .area(area)
            } else if area.isEmpty, !line.isEmpty, topology.lines.names.contains(line) {
                scope = .line(line)
            } else {
                throw CSVFileError(.badValue, file: path, line: reader.line, "area \"\(area)\" / line \"\(line)\" is not a scope, expected either an area or a line of the topology")
            }
            let classText = String(decoding: field.trimmed(classColumn), as: UTF8.self)
            guard let outageClass = classText.isEmpty ? .planned : OutageClass(rawValue: classText) else {
                throw CSVFileError(.badValue, file: path, line: reader.line, "class \"\(classText)\" is not valid, expected one of \(OutageClass.allCases.map(\.rawValue).joined(separator: " "))")
            }
            let cause = String(decoding: field.trimmed(causeColumn), as: UTF8.self)
            notices.append(PlannedNotice(scope: scope, start: start.unixSeconds, end: end.unixSeconds, workOrder: workOrder,
                                         outageClass: outageClass, cause: cause.isEmpty ? nil : cause))
        }
        return notices
    }
}
