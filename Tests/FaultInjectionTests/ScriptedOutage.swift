import Foundation
import GRDB

/// An outage, scripted (from `--write-expected-outages`) or stored: meter and Unix seconds.
struct ScriptedOutage: Hashable, CustomStringConvertible {
    var meterID: String
    var start: Int64
    var end: Int64?

    var description: String { "\(meterID) \(start)…\(end.map(String.init) ?? "open")" }

    /// Reads `meter_id,start,end,…` with ISO-8601 times.
    static func load(csv path: String) throws -> [ScriptedOutage] {
        let format = ISO8601DateFormatter()
        return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 3, let start = format.date(from: fields[1]), let end = format.date(from: fields[2]) else {
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: path, NSDebugDescriptionErrorKey: String(line)])
            }
            return ScriptedOutage(meterID: fields[0], start: Int64(start.timeIntervalSince1970), end: Int64(end.timeIntervalSince1970))
        }
    }

    /// Every outage record in the database at `path`.
    static func stored(database path: String) throws -> [ScriptedOutage] {
        try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "SELECT meter_id, start_s, end_s FROM outages").map {
                ScriptedOutage(meterID: $0["meter_id"], start: $0["start_s"], end: $0["end_s"])
            }
        }
    }

    /// The scripted outages not found exactly once in `found` (start within `startTolerance`,
    /// duration within `durationTolerance` seconds, as the demo matches them), and the found records
    /// matching none.
    static func compare(
        scripted: [ScriptedOutage], found: [ScriptedOutage], startTolerance: Int64, durationTolerance: Int64 = 2
    ) -> (missedOrDuplicated: [String], unexpected: [ScriptedOutage]) {
        var remaining = found
        var problems: [String] = []
        for expected in scripted {
            let matches = remaining.indices.filter { index in
                let candidate = remaining[index]
                guard candidate.meterID == expected.meterID, abs(candidate.start - expected.start) <= startTolerance,
                      let end = candidate.end, let expectedEnd = expected.end else { return false }
                return abs((end - candidate.start) - (expectedEnd - expected.start)) <= durationTolerance
            }
            if matches.count != 1 { problems.append("\(expected) found \(matches.count) times") }
            for index in matches.reversed() { remaining.remove(at: index) }
        }
        return (problems, remaining)
    }
}
