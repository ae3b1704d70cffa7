import ArgumentParser
import Rules

/// `gridwatch rules check`: evaluates a rule file as of a moment over CSV inputs.
struct RulesCheckCommand: ParsableCommand {
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

    func validate() throws {
        _ = try parseTimeOption(at, name: "--at")
        guard inputs.outages != nil else { throw ValidationError("--outages is required (--config is not available yet)") }
    }

    func run() throws {
        let time = try parseTimeOption(at, name: "--at")
        let ruleSet = try RuleSet.load(path: rules)
        let files = try inputs.load(dateUTCOffsetSeconds: time.utcOffsetSeconds)
        let evaluation = files.engine(ruleSet: ruleSet)
            .evaluate(at: time.unixSeconds, clock: LocalClock(utcOffsetSeconds: time.utcOffsetSeconds))
        switch format {
        case .json: print(try ViolationOutput.json(evaluation))
        case .csv: print(ViolationOutput.csv(evaluation), terminator: "")
        case .table: print(ViolationOutput.table(evaluation), terminator: "")
        }
    }
}
