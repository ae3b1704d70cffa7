import ArgumentParser
import GridWatchApp
import GridWatchCore
import Reliability
import Rules

/// `gridwatch voltage`: the GB/T 12325 voltage qualification rate by meter or group.
struct VoltageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "voltage",
        abstract: "Voltage qualification rate (GB/T 12325): per-minute means, limits inclusive, group rate = mean of its meters' rates."
    )

    @Option(name: .customLong("config"), help: "Gateway configuration: its meters and the per-minute voltages in its database.")
    var config: String?

    @Option(help: "Topology CSV with an optional nominal_voltage column (default 220 V).")
    var topology: String?

    @Option(help: "Voltage samples CSV: meter_id,time,voltage[,phase].")
    var voltage: String?

    @Option(help: "Start of the period, ISO-8601 with offset (included).")
    var from: String

    @Option(help: "End of the period, ISO-8601 with offset (excluded).")
    var to: String

    @Option(help: "Group by meter, area, line, county, region or system.")
    var by: VoltageGrouping = .meter

    @Option(help: "Output format: table, json or csv.")
    var format: RuleOutputFormat = .table

    func validate() throws {
        guard (config != nil) != (topology != nil && voltage != nil), config == nil || (topology == nil && voltage == nil) else {
            throw ValidationError("give either --config FILE or both --topology T.csv and --voltage V.csv")
        }
        let start = try parseTimeOption(from, name: "--from"), end = try parseTimeOption(to, name: "--to")
        guard start.unixSeconds < end.unixSeconds else { throw ValidationError("--from must be before --to") }
    }

    func run() async throws {
        let start = try parseTimeOption(from, name: "--from"), end = try parseTimeOption(to, name: "--to")
        let meters: Topology, samples: VoltageSamples
        if let config {
            let (configuration, store) = try ConfigOptions.openStore(path: config)
            meters = try configuration.topologyTable()
            samples = try await configuration.storedVoltageSamples(in: store, topology: meters, from: start.unixSeconds, to: end.unixSeconds)
        } else {
            let files = try RuleInputFiles.load(topology: topology!, outages: nil, voltage: voltage, dateUTCOffsetSeconds: start.utcOffsetSeconds)
            (meters, samples) = (files.topology, files.voltage ?? VoltageSamples())
        }
        let groups = VoltageQuality.groups(by: by.level, topology: meters, samples: samples, from: start.unixSeconds, to: end.unixSeconds)
        try format.print(json: { try VoltageOutput.json(groups) }, csv: { VoltageOutput.csv(groups) },
                         table: { VoltageOutput.table(groups) })
    }
}

/// `--by`: a hierarchy level (own type, so that this file adds no conformance to a shared one).
enum VoltageGrouping: String, ExpressibleByArgument, CaseIterable {
    case meter, area, line, county, region, system

    var level: HierarchyLevel { HierarchyLevel(rawValue: rawValue)! }
}
