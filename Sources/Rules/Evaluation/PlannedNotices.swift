import Foundation
import GridWatchCore
import Reliability

/// Announced planned outages (停电计划/通知): the window and scope a `planned_overrun` rule holds
/// outages to. An outage record belongs to a notice when its `work_order` is the notice id.
public struct PlannedNotices: Sendable {
    public struct Notice: Sendable, Hashable {
        public var id: String
        /// Announced window, Unix seconds.
        public var start: Int64
        public var end: Int64
        /// Area and line numbers of the announced scope.
        public var areas: Set<Int32>
        public var lines: Set<Int32>

        public init(id: String, start: Int64, end: Int64, areas: Set<Int32>, lines: Set<Int32>) {
            self.id = id
            self.start = start
            self.end = end
            self.areas = areas
            self.lines = lines
        }

    }

    public var notices: [Notice]

    public init(notices: [Notice]) { self.notices = notices }

    /// Loads `planned.csv`: `notice_id,start,end,areas,lines`; `areas` and `lines` are `;`-separated
    /// names from the topology (either may be empty); times ISO-8601 with offset.
    public static func load(path: String, topology: Topology) throws(CSVFileError) -> PlannedNotices {
        let reader = try CSVByteReader(path: path)
        let header = try reader.readHeader()
        let idColumn = try header.requiredColumn("notice_id"), startColumn = try header.requiredColumn("start")
        let endColumn = try header.requiredColumn("end")
        let areasColumn = header.optionalColumn("areas"), linesColumn = header.optionalColumn("lines")
        let field = FieldParser(reader: reader)
        var notices: [Notice] = []
        while try reader.nextRecord() {
            let id = String(decoding: try field.required("notice_id", idColumn), as: UTF8.self)
            guard let start = try field.time("start", startColumn), let end = try field.time("end", endColumn), start.unixSeconds < end.unixSeconds else {
                throw CSVFileError(.badValue, file: path, line: reader.line, "start or end is empty or end is not after start, expected an announced window start < end")
            }
            func groups(_ column: Int, _ grouping: Grouping, _ name: String) throws(CSVFileError) -> Set<Int32> {
                var numbers = Set<Int32>()
                for item in String(decoding: field.trimmed(column), as: UTF8.self).split(separator: ";") {
                    let text = item.trimmingCharacters(in: .whitespaces)
                    guard let number = grouping.names.firstIndex(of: text) else {
                        throw CSVFileError(.badValue, file: path, line: reader.line, "\(name) \"\(text)\" is not in the topology, expected \(name) names from the topology separated by ;")
                    }
                    numbers.insert(Int32(number))
                }
                return numbers
            }
            notices.append(Notice(id: id, start: start.unixSeconds, end: end.unixSeconds,
                                  areas: try groups(areasColumn, topology.areas, "area"), lines: try groups(linesColumn, topology.lines, "line")))
        }
        return PlannedNotices(notices: notices)
    }
}
