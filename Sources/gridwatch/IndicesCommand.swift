import ArgumentParser
import Foundation
import GridWatchCore
import Reliability

/// `gridwatch indices`: IEEE 1366 and DL/T 836 indices per area, line, county, region or the system.
struct IndicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indices",
        abstract: "Compute IEEE 1366 and DL/T 836 reliability indices over a period."
    )

    @OptionGroup var files: OutageFileOptions

    @Option(help: "Period start, inclusive (ISO-8601 with offset; its offset sets the local days).")
    var from: TimeArgument

    @Option(help: "Period end, exclusive (ISO-8601 with offset).")
    var to: TimeArgument

    @Option(help: "Levels to group by, comma-separated: area, line, county, region, system.")
    var by = "system"

    @Option(name: .customLong("med-history"), help: "DAILY.csv (date,saidi_minutes) for the Major Event Day threshold.")
    var medHistory: String?

    @Option(name: .customLong("med-sd"), help: "Standard deviation for the MED threshold: sample or population.")
    var medSD = "sample"

    @Option(help: "n values of CEMI_n and CEMSMI_n, comma-separated.")
    var cemi = "1,2,3,4,5"

    @Option(name: .customLong("celid-single-minutes"), help: "CELID-s: one sustained interruption of at least this many minutes.")
    var celidSingleMinutes: Double = 180

    @Option(name: .customLong("celid-total-minutes"), help: "CELID-t: sustained interruptions totalling at least this many minutes.")
    var celidTotalMinutes: Double = 360

    @Option(name: .customLong("customer-base"), help: "Customers served: day-weighted, period-end or constant.")
    var customerBase = CustomerBase.dayWeighted.rawValue

    @Option(name: .customLong("as-of"), help: "Open outages count their duration up to this time (default: now).")
    var asOf: TimeArgument?

    @Option(help: "Output: table, json or csv.")
    var format = OutputFormat.table

    @Flag(help: "Print the seconds spent loading and computing to standard error, as JSON.")
    var timings = false

    func validate() throws {
        guard to.time.unixSeconds > from.time.unixSeconds else { throw ValidationError("--to must be after --from") }
        _ = try levels()
        _ = try cemiThresholds()
        guard StandardDeviationKind(rawValue: medSD) != nil else { throw ValidationError("--med-sd must be sample or population") }
        guard CustomerBase(rawValue: customerBase) != nil else {
            throw ValidationError("--customer-base must be day-weighted, period-end or constant")
        }
        guard celidSingleMinutes >= 0, celidTotalMinutes >= 0 else { throw ValidationError("CELID minutes must not be negative") }
    }

    func run() async throws {
        let clock = ContinuousClock()
        let started = clock.now
        let offset = from.time.utcOffsetSeconds
        let (topology, outages) = try await files.load(dateUTCOffsetSeconds: offset, from: from.time.unixSeconds, to: to.time.unixSeconds,
                                                       centralFields: .indexFields)
        var options = IndexOptions(from: from.time.unixSeconds, to: to.time.unixSeconds, utcOffsetSeconds: offset,
                                   asOf: asOf?.time.unixSeconds ?? Int64(Date().timeIntervalSince1970))
        options.cemiThresholds = try cemiThresholds()
        options.celidSingleMinutes = celidSingleMinutes
        options.celidTotalMinutes = celidTotalMinutes
        options.customerBase = CustomerBase(rawValue: customerBase)!
        options.medStandardDeviation = StandardDeviationKind(rawValue: medSD)!
        options.medHistory = try medHistory.map { try DailySAIDIHistory.load(path: $0) }
        let loaded = clock.now
        let report = ReliabilityIndexEngine(topology: topology, outages: outages).report(levels: try levels(), options: options)
        if timings {
            func seconds(_ duration: Duration) -> Double { Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18 }
            FileHandle.standardError.write(Data("{\"load_s\":\(seconds(loaded - started)),\"compute_s\":\(seconds(clock.now - loaded))}\n".utf8))
        }
        switch format {
        case .json: print(report.json(topology: topology, outages: outages).text)
        case .csv: print(report.csv(), terminator: "")
        case .table: print(IndexTable(report: report).text, terminator: "")
        }
    }

    private func levels() throws -> [HierarchyLevel] {
        try by.split(separator: ",").map { name in
            guard let level = HierarchyLevel(rawValue: String(name)), level != .meter else {
                throw ValidationError("--by takes area, line, county, region or system, not \"\(name)\"")
            }
            return level
        }
    }

    private func cemiThresholds() throws -> [Int] {
        try cemi.split(separator: ",").map { text in
            guard let n = Int(text), n >= 0 else { throw ValidationError("--cemi takes whole numbers ≥ 0, not \"\(text)\"") }
            return n
        }
    }
}
