import API
import ArgumentParser
import Foundation
import GridWatchApp
import GridWatchCore
import Reliability
import Rules
import Store

/// `gridwatch violations`: the tracked violations of a gateway (its database, where the daemon's rule
/// stage keeps them) or of a ledger file that `rules check --ledger` keeps.
struct ViolationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "violations",
        abstract: "List or acknowledge tracked violations.",
        subcommands: [ViolationsListCommand.self, ViolationsAckCommand.self],
        defaultSubcommand: ViolationsListCommand.self
    )
}

/// Where the violations are: a gateway's database (`--config`, by default the installed
/// configuration) or a ledger file (`--ledger`).
struct ViolationSourceOptions: ParsableArguments {
    /// Where `make install` puts the gateway's configuration.
    static let installedConfiguration = "/etc/gridwatch/gridwatch.yaml"

    @Option(name: .customLong("config"), help: "Gateway configuration: the violations its daemon keeps in the database (default: \(installedConfiguration) when it exists).")
    var config: String?

    @Option(help: "Violation ledger (JSON) written by `rules check --ledger`, instead of --config.")
    var ledger: String?

    @Option(name: .customLong("utc-offset"), help: "Offset to show times at, such as +08:00 (default: the gateway's).")
    var utcOffset: String?

    func validate() throws {
        guard config == nil || ledger == nil else { throw ValidationError("give either --config FILE or --ledger FILE, not both") }
        guard config != nil || ledger != nil || FileManager.default.fileExists(atPath: Self.installedConfiguration) else {
            throw ValidationError("give --config FILE or --ledger FILE (there is no \(Self.installedConfiguration))")
        }
    }

    /// `--config`, else the installed configuration when no ledger is named.
    private var configuration: String? { config ?? (ledger == nil ? Self.installedConfiguration : nil) }

    func utcOffsetSeconds() throws -> Int {
        try utcOffset.map { try parseOffsetOption($0, name: "--utc-offset") } ?? LocalTime.offsetSeconds
    }

    /// The gateway's database with `--config`: read-only for listing, writable for acknowledging.
    func store(access: Store.Access) throws -> Store? {
        guard let configuration else { return nil }
        return try ConfigOptions.openStore(path: configuration, access: access).1
    }
}

struct ViolationsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List open (default) or all violations.")

    @OptionGroup var source: ViolationSourceOptions

    @Flag(help: "Open violations only (the default), or every violation with the closed ones.")
    var scope: Scope = .open

    enum Scope: String, EnumerableFlag { case open, all }

    @Option(help: "Output format: table, json or csv.")
    var format: RuleOutputFormat = .table

    func run() async throws {
        let offset = try source.utcOffsetSeconds()
        if let store = try source.store(access: .readOnly) {
            let violations = try await store.violations(openOnly: scope == .open)
            let json = RecordJSON(utcOffsetSeconds: offset)
            let rows = violations.map { Self.row($0, utcOffsetSeconds: offset) }
            format.print(json: { JSONValue.object([("violations", .array(violations.map(json.violation)))]).text },
                             csv: { LedgerOutput.csv(rows: rows) }, table: { LedgerOutput.table(rows: rows) })
            return
        }
        let ledger = try ViolationLedger.load(path: source.ledger!)
        let violations = scope == .open ? ledger.open : ledger.violations
        let clock = LocalClock(utcOffsetSeconds: offset)
        try format.print(json: { try LedgerOutput.json(violations, clock: clock) }, csv: { LedgerOutput.csv(violations, clock: clock) },
                         table: { LedgerOutput.table(violations, clock: clock) })
    }

    /// A stored violation as a row of the ledger's table.
    private static func row(_ violation: ViolationRecord, utcOffsetSeconds: Int) -> LedgerOutput.Row {
        let finding = violation.finding
        func time(_ millis: Int64) -> String { ISO8601Time.format(unixSeconds: millis / 1000, utcOffsetSeconds: utcOffsetSeconds) }
        return LedgerOutput.Row(
            id: Int(violation.id), rule: finding.ruleID, level: finding.level, entity: finding.entity, entityID: finding.entityID,
            isOpen: violation.isOpen, count: finding.count, openedAt: time(violation.openedMillis), closedAt: violation.closedMillis.map(time),
            acknowledgedBy: violation.acknowledgedBy ?? (violation.acknowledgedMillis == nil ? nil : ""),
            remediationNote: violation.remediationNote)
    }
}

struct ViolationsAckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ack", abstract: "Acknowledge an open violation, with a remediation note.")

    @Argument(help: "The violation id.")
    var id: Int

    @OptionGroup var source: ViolationSourceOptions

    @Option(help: "Remediation note.")
    var note: String?

    @Option(help: "Who acknowledges.")
    var by: String?

    func run() async throws {
        let now = Date()
        if let store = try source.store(access: .readWrite) {
            guard let violation = try await store.violations().first(where: { $0.id == Int64(id) }) else {
                throw ValidationError("no violation has id \(id), expected the id of a recorded violation")
            }
            guard violation.isOpen else { throw ValidationError("violation \(id) is closed, expected an open violation") }
            try await store.acknowledgeViolation(id: Int64(id), note: note, by: by, at: Int64(now.timeIntervalSince1970 * 1000))
            return
        }
        var ledger = try ViolationLedger.load(path: source.ledger!)
        try ledger.acknowledge(id: id, at: Int64(now.timeIntervalSince1970), by: by, note: note)
        try ledger.save(path: source.ledger!)
    }
}
