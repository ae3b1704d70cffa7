import ArgumentParser
import Foundation
import GridWatchCore
import Rules

/// `gridwatch violations`: the tracked violations of a ledger file (`rules check --ledger` keeps it).
/// The daemon's store (`--config`) will hold the same ledger; until then the file is the state.
struct ViolationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "violations",
        abstract: "List or acknowledge tracked violations.",
        subcommands: [ViolationsListCommand.self, ViolationsAckCommand.self],
        defaultSubcommand: ViolationsListCommand.self
    )
}

/// Where the ledger is, and the offset its times are shown at.
struct LedgerOptions: ParsableArguments {
    @Option(help: "Violation ledger (JSON) written by `rules check --ledger`.")
    var ledger: String

    @Option(name: .customLong("utc-offset"), help: "Offset to show times at, such as +08:00.")
    var utcOffset = "Z"

    func clock() throws -> LocalClock {
        LocalClock(utcOffsetSeconds: try parseOffsetOption(utcOffset, name: "--utc-offset"))
    }
}

struct ViolationsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List open (default) or all violations.")

    @OptionGroup var options: LedgerOptions

    @Flag(help: "Open violations only (the default), or every violation with the closed ones.")
    var scope: Scope = .open

    enum Scope: String, EnumerableFlag { case open, all }

    @Option(help: "Output format: table, json or csv.")
    var format: RuleOutputFormat = .table

    func run() throws {
        let ledger = try ViolationLedger.load(path: options.ledger)
        let violations = scope == .open ? ledger.open : ledger.violations
        let clock = try options.clock()
        try format.print(json: { try LedgerOutput.json(violations, clock: clock) }, csv: { LedgerOutput.csv(violations, clock: clock) },
                         table: { LedgerOutput.table(violations, clock: clock) })
    }
}

struct ViolationsAckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ack", abstract: "Acknowledge an open violation, with a remediation note.")

    @Argument(help: "The violation id.")
    var id: Int

    @OptionGroup var options: LedgerOptions

    @Option(help: "Remediation note.")
    var note: String?

    @Option(help: "Who acknowledges.")
    var by: String?

    func run() throws {
        var ledger = try ViolationLedger.load(path: options.ledger)
        try ledger.acknowledge(id: id, at: Int64(Date().timeIntervalSince1970), by: by, note: note)
        try ledger.save(path: options.ledger)
    }
}
