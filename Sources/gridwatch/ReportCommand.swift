import ArgumentParser
import GridWatchCore
import Reliability
import Rules

/// `gridwatch report`: publishable reports.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Publishable reports.",
        subcommands: [ReportFrequentOutagesCommand.self, ReportReliabilityCommand.self]
    )
}

/// `gridwatch report frequent-outages`: per line and area, counts, open and cleared problems, notes.
struct ReportFrequentOutagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frequent-outages",
        abstract: "The frequent-outage remediation status per line and area, replaying the rules day by day through the year."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, html }

    @OptionGroup var inputs: RuleInputOptions

    @Option(help: "Rule file (YAML).")
    var rules: String

    @Option(help: "The calendar year.")
    var year: Int

    @Option(help: "Report time when the year is not over, ISO-8601 with offset (default: the end of the year).")
    var at: String?

    @Option(name: .customLong("utc-offset"), help: "Local time zone offset for dates, such as +08:00 (default: that of --at, else of the outage file).")
    var utcOffset: String?

    @Option(help: "Remediation notes CSV: entity,id,note (entity area or line).")
    var notes: String?

    @Option(help: "Output format: csv or html.")
    var format: Format = .csv

    func validate() throws {
        if let at { _ = try parseTimeOption(at, name: "--at") }
        if let utcOffset { _ = try parseOffsetOption(utcOffset, name: "--utc-offset") }
        guard inputs.outages != nil else { throw ValidationError("--outages is required (--config is not available yet)") }
    }

    func run() throws {
        let until = try at.map { try parseTimeOption($0, name: "--at") }
        let files = try inputs.load(dateUTCOffsetSeconds: until?.utcOffsetSeconds ?? 0)
        let offset = try utcOffset.map { try parseOffsetOption($0, name: "--utc-offset") }
            ?? until?.utcOffsetSeconds ?? files.outages.utcOffsetSeconds
        let clock = LocalClock(utcOffsetSeconds: offset)
        let report = FrequentOutageReport(engine: files.engine(ruleSet: try RuleSet.load(path: rules)), year: year, clock: clock,
                                          until: until?.unixSeconds, notes: try notes.map(Self.loadNotes) ?? [:])
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
