import API
import ArgumentParser
import Foundation
import GridWatchCore
import Reliability

/// `gridwatch report reliability`: SAIDI/SAIFI by group, outages per month and the worst groups of a
/// period, from the gateway's database, as a self-contained HTML page, CSV or JSON.
struct ReportReliabilityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reliability",
        abstract: "Reliability report of a period from the database: HTML with inline SVG charts, CSV or JSON."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case html, csv, json }

    @OptionGroup var config: ConfigOptions
    @Option(help: "Period start, inclusive (ISO-8601 with offset; its offset sets the local days and months).") var from: TimeArgument
    @Option(help: "Period end, exclusive (ISO-8601 with offset).") var to: TimeArgument
    @Option(help: "Levels to group by, comma-separated: area, line, county, region, system.") var by = "area"
    @Option(help: "Output format: html, csv or json.") var format: Format = .html
    @Option(name: .customLong("as-of"), help: "Open outages count their duration up to this time (default: now).") var asOf: TimeArgument?
    @Option(help: "Write to this file instead of standard output.") var output: String?

    func validate() throws {
        guard to.time.unixSeconds > from.time.unixSeconds else { throw ValidationError("--to must be after --from") }
        _ = try levels()
    }

    func run() async throws {
        let configuration = try config.load()
        guard FileManager.default.fileExists(atPath: configuration.database) else {
            throw ValidationError("\(configuration.database): no database yet; start `gridwatch run --config \(config.path)` first")
        }
        let (topology, outages) = try await configuration.storedOutageTable()
        let options = IndexOptions(from: from.time.unixSeconds, to: to.time.unixSeconds, utcOffsetSeconds: from.time.utcOffsetSeconds,
                                   asOf: asOf?.time.unixSeconds ?? Int64(Date().timeIntervalSince1970))
        let indices = ReliabilityIndexEngine(topology: topology, outages: outages).report(levels: try levels(), options: options)
        let report = ReliabilityReport(indices: indices, topology: topology, outages: outages)
        let text = switch format {
        case .html: report.html(title: "Supply reliability \(configuration.gatewayID)")
        case .csv: report.csv()
        case .json: report.json(topology: topology, outages: outages).text + "\n"
        }
        if let output {
            try text.write(toFile: output, atomically: true, encoding: .utf8)
        } else {
            print(text, terminator: "")
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
}
