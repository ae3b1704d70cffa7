import ArgumentParser
import GridWatchApp
import GridWatchCore
import Reliability
import Rules

/// `gridwatch rules`: outage rules (frequent outages, overruns, voltage and data quality).
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Evaluate outage rules.",
        subcommands: [RulesCheckCommand.self, RulesBenchmarkCommand.self]
    )
}

/// Input files shared by `rules check`, `voltage` and `report frequent-outages`.
struct RuleInputOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: "Gateway configuration: its topology and the outage records in its database (rules check).")
    var config: String?

    @Option(help: "Topology CSV: meter_id,area,line,county,region[,customers][,kva][,in_service_from][,in_service_to][,nominal_voltage].")
    var topology: String?

    @Option(help: "Outage CSV: meter_id,start,end[,event_id][,class][,cause][,cause_code][,reclose_operations][,work_order].")
    var outages: String?

    @Option(name: .customLong("med-days"), help: "Major Event Days, one YYYY-MM-DD a line.")
    var medDays: String?

    @Option(help: "Voltage samples CSV: meter_id,time,voltage[,phase].")
    var voltage: String?

    @Option(help: "Planned-outage notices CSV: work_order,start,end,area,line[,class][,cause] (outages match by work_order).")
    var planned: String?

    @OptionGroup var central: CentralOptions

    func load(dateUTCOffsetSeconds: Int) throws -> RuleInputFiles {
        guard let topology, !central.central else { throw ValidationError("--topology is required (--central is for `rules check`)") }
        return try RuleInputFiles.load(topology: topology, outages: outages, medDays: medDays, voltage: voltage, planned: planned,
                                       dateUTCOffsetSeconds: dateUTCOffsetSeconds)
    }

    /// The engine over the files, over a gateway's database with `--config`, or with `--central` over
    /// the fleet's topology, outage records and planned notices.
    func engine(ruleSet: RuleSet, dateUTCOffsetSeconds: Int) async throws -> RuleEngine {
        guard central.central || config != nil else { return try load(dateUTCOffsetSeconds: dateUTCOffsetSeconds).engine(ruleSet: ruleSet) }
        var topology: Topology, outages: OutageTable, storedNotices: [PlannedNotice] = [], clockOffsets: [String: Int64] = [:]
        if let config {
            let (configuration, store) = try ConfigOptions.openStore(path: config)
            let table = try await configuration.storedOutageTable(in: store)
            (topology, outages, storedNotices) = (table.topology, table.outages, table.plannedNotices)
            clockOffsets = try await store.meterClockOffsets()
        } else {
            (topology, outages, storedNotices) = try await central.outageTable()
        }
        InterruptionEvents.assignMissing(in: &outages, topology: topology)
        let notices = try planned.map { try PlannedNotice.loadAll(path: $0, topology: topology) } ?? storedNotices
        return RuleEngine(ruleSet: ruleSet, topology: topology, outages: outages,
                          medDays: try medDays.map { try RuleInputFiles.loadMEDDays(path: $0) } ?? [],
                          voltage: try voltage.map { try VoltageSamples.load(path: $0, topology: topology) },
                          plannedNotices: notices, clockOffsets: clockOffsets)
    }
}

/// `--format table|json|csv`.
enum RuleOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv

    /// Prints the rendering this format asks for.
    func print(json: () throws -> String, csv: () -> String, table: () -> String) rethrows {
        switch self {
        case .json: Swift.print(try json())
        case .csv: Swift.print(csv(), terminator: "")
        case .table: Swift.print(table(), terminator: "")
        }
    }
}

/// Parses an ISO-8601 time with offset for an option.
func parseTimeOption(_ text: String, name: String) throws -> OffsetTime {
    guard let time = ISO8601Time.parse(text) else {
        throw ValidationError("\(name) \"\(text)\" is not valid, expected an ISO-8601 time with offset such as 2025-06-30T24:00:00+08:00")
    }
    return time
}

/// Parses a UTC offset option (`Z`, `+08:00`, `+0800`, `+08`) in seconds east of UTC.
func parseOffsetOption(_ text: String, name: String) throws -> Int {
    guard let time = ISO8601Time.parse("2000-01-01T00:00:00" + text) else {
        throw ValidationError("\(name) \"\(text)\" is not valid, expected an offset such as +08:00 or Z")
    }
    return time.utcOffsetSeconds
}
