import ArgumentParser
import Foundation
import GridWatchCore
import Reliability

/// `gridwatch outages`: lists outage records, optionally of one meter or area and within a period.
struct OutagesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outages",
        abstract: "List outage records (open ones with their duration so far).",
        subcommands: [OutagesAnnotateCommand.self]
    )

    @OptionGroup var files: OutageFileOptions

    @Option(help: "Only this meter.")
    var meter: String?

    @Option(help: "Only this transformer area.")
    var area: String?

    @Option(help: "Only outages starting at or after this time (ISO-8601 with offset).")
    var from: TimeArgument?

    @Option(help: "Only outages starting before this time (exclusive).")
    var to: TimeArgument?

    @Option(name: .customLong("as-of"), help: "Open outages count their duration up to this time (default: now).")
    var asOf: TimeArgument?

    @Option(help: "Output: table, json or csv.")
    var format = OutputFormat.table

    func run() async throws {
        let offset = from?.time.utcOffsetSeconds ?? to?.time.utcOffsetSeconds
        var (topology, outages) = try await files.load(dateUTCOffsetSeconds: offset ?? 0, from: from?.time.unixSeconds, to: to?.time.unixSeconds)
        InterruptionEvents.assignMissing(in: &outages, topology: topology)
        let listing = OutageListing(topology: topology, outages: outages, utcOffsetSeconds: offset ?? outages.utcOffsetSeconds,
                                    asOf: asOf?.time.unixSeconds ?? Int64(Date().timeIntervalSince1970))
        let rows = try listing.rows(meter: meter, area: area, from: from?.time.unixSeconds, to: to?.time.unixSeconds)
        switch format {
        case .json: print(JSONValue.array(rows.map(listing.json)).text)
        case .csv: print(listing.csv(rows), terminator: "")
        case .table: print(listing.table(rows), terminator: "")
        }
    }
}
