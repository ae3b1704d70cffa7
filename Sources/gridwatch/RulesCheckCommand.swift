import ArgumentParser
import Foundation
import Rules

/// `gridwatch rules check`: evaluates a rule file as of a moment over CSV inputs.
struct RulesCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Evaluate a rule file as of a moment and print the violations with the records each rule counted."
    )

    @OptionGroup var inputs: RuleInputOptions

    @Option(help: "Rule file (YAML), such as config/rules.yaml.")
    var rules: String

    @Option(help: "Evaluation time, ISO-8601 with offset; local dates use this offset.")
    var at: String

    @Option(help: "Output format: table, json or csv.")
    var format: RuleOutputFormat = .table

    @Option(help: "Violation ledger (JSON) to open, keep and close violations in; created when missing.")
    var ledger: String?

    func validate() throws {
        _ = try parseTimeOption(at, name: "--at")
        guard inputs.central.central || inputs.config != nil || (inputs.outages != nil && inputs.topology != nil) else {
            throw ValidationError("give --config FILE, both --topology and --outages, or --central")
        }
    }

    func run() async throws {
        let time = try parseTimeOption(at, name: "--at")
        let ruleSet = try RuleSet.load(path: rules)
        let evaluation = try await inputs.engine(ruleSet: ruleSet, dateUTCOffsetSeconds: time.utcOffsetSeconds)
            .evaluate(at: time.unixSeconds, clock: LocalClock(utcOffsetSeconds: time.utcOffsetSeconds))
        if let ledger {
            var state = try ViolationLedger.load(path: ledger)
            let transitions = state.apply(evaluation)
            try state.save(path: ledger)
            let opened = transitions.filter { $0.kind == .opened }.count
            FileHandle.standardError.write(Data("ledger: \(opened) opened, \(transitions.count - opened) closed, \(state.open.count) open\n".utf8))
        }
        try format.print(json: { try ViolationOutput.json(evaluation) }, csv: { ViolationOutput.csv(evaluation) },
                         table: { ViolationOutput.table(evaluation) })
    }
}
