import ArgumentParser
import Foundation
import GridWatchCore
import Rules

/// `gridwatch rules benchmark` (hidden): times loading, a full re-check, and the incremental check
/// after each of N new outages (insert, partial evaluation, lifecycle update). Used by `make bench-rules`.
struct RulesBenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchmark",
        abstract: "Time a full rule check and incremental checks after single new outages.",
        shouldDisplay: false
    )

    @OptionGroup var inputs: RuleInputOptions

    @Option(help: "Rule file (YAML).")
    var rules: String

    @Option(help: "Evaluation time, ISO-8601 with offset.")
    var at: String

    @Option(help: "Full re-checks to time (the best is reported with the median).")
    var repeats = 3

    @Option(help: "New outages to insert one by one, each followed by an incremental check.")
    var incremental = 50

    func run() throws {
        let time = try parseTimeOption(at, name: "--at")
        let clock = LocalClock(utcOffsetSeconds: time.utcOffsetSeconds)
        let ruleSet = try RuleSet.load(path: rules)
        var started = ContinuousClock.now
        var files: RuleInputFiles? = try inputs.load(dateUTCOffsetSeconds: time.utcOffsetSeconds)
        let loading = started.duration(to: .now)
        started = .now
        var engine = files!.engine(ruleSet: ruleSet)
        files = nil  // the engine owns the table alone: inserting a row copies nothing
        let indexing = started.duration(to: .now)
        var fullTimes: [Duration] = []
        var evaluation = RuleEvaluation(at: time.unixSeconds, clock: clock, violations: [])
        for _ in 0..<max(1, repeats) {
            started = .now
            evaluation = engine.evaluate(at: time.unixSeconds, clock: clock)
            fullTimes.append(started.duration(to: .now))
        }
        var ledger = ViolationLedger()
        _ = ledger.apply(evaluation)
        var incrementalTimes: [Duration] = []
        var transitions = 0
        for step in 0..<incremental {
            let meter = (step &* 7_919) % engine.topology.meterCount
            let start = time.unixSeconds - Int64(3_600 * (step + 2))
            let record = OutageRecord(meterID: engine.topology.meterID(at: meter), start: start, end: start + 3_600,
                                      eventID: "benchmark-\(step)")
            started = .now
            let selection = try engine.insert(record)
            let partial = engine.evaluate(at: time.unixSeconds, clock: clock, selection: selection)
            transitions += ledger.apply(partial, covering: selection.entities(in: engine.topology)).count
            incrementalTimes.append(started.duration(to: .now))
        }
        var perRule: [String: Int] = [:]
        for violation in evaluation.violations { perRule[violation.rule, default: 0] += 1 }
        print("meters \(engine.topology.meterCount), outages \(engine.outages.count - incremental), rules \(ruleSet.rules.count)")
        print("load CSV (topology, outages, event ids)  \(Self.seconds(loading))")
        print("index (by meter, work orders, groups)    \(Self.seconds(indexing))")
        print("full re-check                            \(Self.seconds(fullTimes.min()!)) best, \(Self.seconds(Self.median(fullTimes))) median of \(fullTimes.count)")
        if !incrementalTimes.isEmpty {
            print("incremental check after one new outage   \(Self.milliseconds(Self.median(incrementalTimes))) median, \(Self.milliseconds(incrementalTimes.max()!)) max of \(incrementalTimes.count) (\(transitions) openings/closings)")
        }
        for rule in ruleSet.rules { print("violations \(rule.id) \(perRule[rule.id] ?? 0)") }
    }

    private static func median(_ values: [Duration]) -> Duration { values.sorted()[values.count / 2] }

    private static func seconds(_ duration: Duration) -> String {
        String(format: "%.3f s", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }

    private static func milliseconds(_ duration: Duration) -> String {
        String(format: "%.3f ms", (Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18) * 1_000)
    }
}
