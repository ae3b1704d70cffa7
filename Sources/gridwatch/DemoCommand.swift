import ArgumentParser
import DeviceProfiles
import Foundation
import GridWatchApp
import GridWatchCore
import Logging

/// `gridwatch demo`: the README's main job.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Poll a simulated substation over real Modbus and print a reliability report.",
        discussion: """
            Serves the substation of --scenario (four transformer areas, their meters and terminal units) \
            over Modbus TCP on loopback, runs the collector daemon against it on the scenario's accelerated \
            clock for about a minute, then prints what was collected: devices polled, readings stored, \
            links that failed, the outages found beside the ones the scenario scripted, and the \
            IEEE 1366 / DL/T 836 indices of the period. The database and the generated gateway \
            configuration stay in --work-dir for `gridwatch devices`, `outages` and `indices --config`.
            """
    )

    @Option(help: "Scenario of the simulated substation.") var scenario = "config/simulated-substation.yaml"
    @Option(name: .customLong("work-dir"), help: "Folder for the database and the generated configuration.")
    var workDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("gridwatch-demo").path
    @Option(name: .customLong("time-scale"), help: "Simulated seconds per wall second (default: the scenario's).")
    var timeScale: Double?
    @Option(name: .customLong("devices-dir"), help: "Folder of device profiles.") var devicesDirectory: String?
    @Flag(help: "Log the daemon's events (status changes, outages) to standard error.") var verbose = false
    @Option(help: "Rule file the daemon evaluates while it runs (default: rules.yaml beside the scenario, when there is one).")
    var rules: String?

    /// `--rules`, else `rules.yaml` in the scenario's folder if it exists.
    private func rulesFile() throws -> String? {
        if let rules {
            guard FileManager.default.fileExists(atPath: rules) else { throw ValidationError("\(rules): no such rule file") }
            return URL(fileURLWithPath: rules).standardized.path
        }
        let beside = URL(fileURLWithPath: scenario).deletingLastPathComponent().appendingPathComponent("rules.yaml").standardized.path
        return FileManager.default.fileExists(atPath: beside) ? beside : nil
    }

    func run() async throws {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        var logger = Logger(label: "gridwatch")
        logger.logLevel = verbose ? .info : .critical
        let demo = SubstationDemo(
            scenarioPath: scenario, workDirectory: workDirectory,
            profiles: .standard(explicit: devicesDirectory), timeScale: timeScale, rules: try rulesFile())
        print("GridWatch demo: a simulated substation polled over Modbus TCP on 127.0.0.1 (\(scenario))")
        let result = try await demo.run(logger: logger) { progress in
            let percent = Int((progress.fraction * 100).rounded())
            print("""
                [\(String(repeating: "#", count: percent / 5).padding(toLength: 20, withPad: ".", startingAt: 0))] \
                \(percent)%  grid time \(ISO8601Time.format(unixSeconds: progress.simulatedTime, utcOffsetSeconds: 0))  \
                readings \(progress.readings)  answering \(progress.devicesAnswering)  silent \(progress.devicesNotAnswering)  \
                outage records \(progress.outageRecords) (\(progress.openOutages) open)
                """)
        }
        try await DemoReport(result: result).print()
    }
}
