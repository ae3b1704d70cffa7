import Foundation
import GridWatchCore
import Reliability

/// The CSV inputs of `gridwatch rules check`, `voltage` and `report` loaded together.
public struct RuleInputFiles: Sendable {
    public var topology: Topology
    /// With every record's interruption event id (missing ones grouped by area, spec §6.2).
    public var outages: OutageTable
    public var medDays: Set<CivilDate>
    public var voltage: VoltageSamples?
    public var plannedNotices: [PlannedNotice]

    /// Loads the files; `dateUTCOffsetSeconds` reads topology dates as local midnight at that offset.
    public static func load(topology topologyPath: String, outages outagesPath: String?, medDays medPath: String? = nil,
                            voltage voltagePath: String? = nil, planned plannedPath: String? = nil,
                            dateUTCOffsetSeconds: Int) throws(CSVFileError) -> RuleInputFiles {
        let topology = try Topology.load(path: topologyPath, dateUTCOffsetSeconds: dateUTCOffsetSeconds)
        var outages = OutageTable()
        if let outagesPath {
            outages = try OutageTable.load(path: outagesPath, topology: topology)
            InterruptionEvents.assignMissing(in: &outages, topology: topology)
        }
        let medDays = try medPath.map { path throws(CSVFileError) in try loadMEDDays(path: path) } ?? []
        let voltage = try voltagePath.map { path throws(CSVFileError) in try VoltageSamples.load(path: path, topology: topology) }
        let planned = try plannedPath.map { path throws(CSVFileError) in try PlannedNotice.loadAll(path: path, topology: topology) } ?? []
        return RuleInputFiles(topology: topology, outages: outages, medDays: medDays, voltage: voltage, plannedNotices: planned)
    }

    /// A Major Event Day file: one `YYYY-MM-DD` a line; blank lines and lines starting with `#` are skipped.
    public static func loadMEDDays(path: String) throws(CSVFileError) -> Set<CivilDate> {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw CSVFileError(.unreadable, file: path, line: 0, "cannot read the file (\(error.localizedDescription)), expected a list of dates")
        }
        var days = Set<CivilDate>()
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            var bytes = Array(line.utf8)
            guard let date = bytes.withUnsafeMutableBytes({ ISO8601Time.parseDate(UnsafeRawBufferPointer($0)) }) else {
                throw CSVFileError(.badValue, file: path, line: index + 1, "\"\(line)\" is not a date, expected one date YYYY-MM-DD a line")
            }
            days.insert(date)
        }
        return days
    }

    /// A rule engine over these inputs.
    public func engine(ruleSet: RuleSet) -> RuleEngine {
        RuleEngine(ruleSet: ruleSet, topology: topology, outages: outages, medDays: medDays, voltage: voltage, plannedNotices: plannedNotices)
    }
}
