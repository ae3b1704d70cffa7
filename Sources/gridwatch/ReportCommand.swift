import ArgumentParser
import GridWatchApp
import GridWatchCore
import Reliability
import Rules
import Store

/// `gridwatch report`: publishable reports.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Publishable reports.",
        subcommands: [ReportFrequentOutagesCommand.self, ReportReliabilityCommand.self]
    )
}

/// `gridwatch report frequent-outages`: per line and area, counts, open and cleared problems, notes.
struct ReportFrequentOutagesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frequent-outages",
        abstract: "The frequent-outage remediation status per line and area, replaying the rules day by day through the year.",
        discussion: """
            With --config, the records come from the gateway's database, the rules from its `rules:` file \
            (unless --rules names another) and the remediation notes from its acknowledged violations.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, html }

    @OptionGroup var inputs: RuleInputOptions

    @Option(help: "Rule file (YAML); with --config, default: the configuration's rules file.")
    var rules: String?

    @Option(help: "The calendar year.")
    var year: Int

    @Option(help: "Report time when the year is not over, ISO-8601 with offset (default: the end of the year).")
    var at: String?

    @Option(name: .customLong("utc-offset"), help: "Local time zone offset for dates, such as +08:00 (default: that of --at, else of the rules or the outage file).")
    var utcOffset: String?

    @Option(help: "Remediation notes CSV: entity,id,note (entity area or line), added to those of the database.")
    var notes: String?

    @Option(help: "Output format: csv or html.")
    var format: Format = .csv

    func validate() throws {
        if let at { _ = try parseTimeOption(at, name: "--at") }
        if let utcOffset { _ = try parseOffsetOption(utcOffset, name: "--utc-offset") }
        guard inputs.config != nil || (inputs.outages != nil && inputs.topology != nil) else {
            throw ValidationError("give --config FILE, or both --topology and --outages")
        }
        guard rules != nil || inputs.config != nil else { throw ValidationError("--rules is required without --config") }
    }

    func run() async throws {
        let until = try at.map { try parseTimeOption($0, name: "--at") }
        var notes = try self.notes.map(Self.loadNotes) ?? [:]
        let engine: RuleEngine, offset: Int
        if let config = inputs.config {
            let configuration = try GatewayConfiguration.load(contentsOf: config)
            guard let path = rules ?? configuration.rules?.file else {
                throw ValidationError("\(config) has no rules key: give --rules FILE")
            }
            offset = try utcOffset.map { try parseOffsetOption($0, name: "--utc-offset") }
                ?? until?.utcOffsetSeconds ?? configuration.rules?.clock.utcOffsetSeconds ?? LocalTime.offsetSeconds
            engine = try await inputs.engine(ruleSet: try RuleSet.load(path: path), dateUTCOffsetSeconds: offset)
            let store = try Store(configuration.store, access: .readOnly)
            for violation in try await store.violations() where violation.finding.entity != "meter" {
                guard let note = violation.remediationNote else { continue }
                notes["\(violation.finding.entity)/\(violation.finding.entityID)", default: []].append(note)
            }
        } else {
            let files = try inputs.load(dateUTCOffsetSeconds: until?.utcOffsetSeconds ?? 0)
            offset = try utcOffset.map { try parseOffsetOption($0, name: "--utc-offset") }
                ?? until?.utcOffsetSeconds ?? files.outages.utcOffsetSeconds
            engine = files.engine(ruleSet: try RuleSet.load(path: rules!))
        }
        let clock = LocalClock(utcOffsetSeconds: offset)
        let report = FrequentOutageReport(engine: engine, year: year, clock: clock, until: until?.unixSeconds, notes: notes)
        print(format == .csv ? report.csv() : report.html(clock: clock), terminator: "")
    }

    private static func loadNotes(path: String) throws -> [String: [String]] {
        let reader = try CSVByteReader(path: path)
        let header = try reader.readHeader()
        let entity = try header.requiredColumn("entity"), id = try header.requiredColumn("id"), note = try header.requiredColumn("note")
        var notes: [String: [String]] = [:]
        while try reader.nextRecord() {
            let kind = reader.string(entity)
            guard kind == "area" || kind == "line" else {
                throw CSVFileError(.badValue, file: path, line: reader.line, "entity \"\(kind)\" is not valid, expected area or line")
            }
            notes["\(kind)/\(reader.string(id))", default: []].append(reader.string(note))
        }
        return notes
    }
}
