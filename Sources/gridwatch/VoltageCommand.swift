import ArgumentParser
import GridWatchCore
import Reliability
import Rules

/// `gridwatch voltage`: the GB/T 12325 voltage qualification rate by meter or group.
struct VoltageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "voltage",
        abstract: "Voltage qualification rate (GB/T 12325): per-minute means, limits inclusive, group rate = mean of its meters' rates."
    )

    @Option(help: "Topology CSV with an optional nominal_voltage column (default 220 V).")
    var topology: String

    @Option(help: "Voltage samples CSV: meter_id,time,voltage[,phase].")
    var voltage: String

    @Option(help: "Start of the period, ISO-8601 with offset (included).")
    var from: String

    @Option(help: "End of the period, ISO-8601 with offset (excluded).")
    var to: String

    @Option(help: "Group by meter, area, line, county, region or system.")
    var by: VoltageGrouping = .meter

    @Option(help: "Output format: table, json or csv.")
    var format: RuleOutputFormat = .table

    func validate() throws {
        let start = try parseTimeOption(from, name: "--from"), end = try parseTimeOption(to, name: "--to")
        guard start.unixSeconds < end.unixSeconds else { throw ValidationError("--from must be before --to") }
    }

    func run() throws {
        let start = try parseTimeOption(from, name: "--from"), end = try parseTimeOption(to, name: "--to")
        let files = try RuleInputFiles.load(topology: topology, outages: nil, voltage: voltage, dateUTCOffsetSeconds: start.utcOffsetSeconds)
        let groups = VoltageQuality.groups(by: by.level, topology: files.topology, samples: files.voltage ?? VoltageSamples(),
                                           from: start.unixSeconds, to: end.unixSeconds)
        try format.print(json: { try VoltageOutput.json(groups) }, csv: { VoltageOutput.csv(groups) },
                         table: { VoltageOutput.table(groups) })
    }
}

/// `--by`: a hierarchy level (own type, so that this file adds no conformance to a shared one).
enum VoltageGrouping: String, ExpressibleByArgument, CaseIterable {
    case meter, area, line, county, region, system

    var level: HierarchyLevel { HierarchyLevel(rawValue: rawValue)! }
}
