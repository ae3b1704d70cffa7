import ArgumentParser
import GridWatchApp
import GridWatchCore
import Logging

/// `gridwatch run`: the collector daemon.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Poll every configured device and store readings and device health until SIGTERM.",
        discussion: """
            Buses are polled concurrently, the devices of one bus strictly in turn. A device that stops \
            answering is marked offline once it failed both for `supervision.offline_after` and for \
            `supervision.offline_after_failed_cycles` cycles, then re-probed with exponential back-off. \
            Readings are committed in batches (`store.batch_interval`, default 1 s); SIGTERM or SIGINT \
            ends in-flight reads, commits what is pending and exits. SIGHUP reloads the configuration \
            and the device profiles it names: a valid one replaces the polled buses and devices without \
            losing pending readings or open outages; an invalid one is logged with its file:line reason \
            and the running one stays.
            """
    )

    enum LogFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var config: ConfigOptions
    @OptionGroup var postgres: PostgresURLOptions

    @Option(name: .customLong("log-format"), help: "Log lines on standard error: text, or json (one object a line: time, level, label, message, metadata).")
    var logFormat: LogFormat = .text

    @OptionGroup var simulation: SimulatedClockOptions

    func run() async throws {
        MallocArenas.limit(to: 2)
        let configuration = postgres.apply(to: try config.load())
        switch logFormat {
        case .text: LoggingSystem.bootstrap(StreamLogHandler.standardError)
        case .json: LoggingSystem.bootstrap { JSONLogHandler(label: $0) }
        }
        var logger = Logger(label: "gridwatch")
        logger.logLevel = .info
        let config = config
        try await GatewayDaemon(
            configuration: configuration, wallClock: simulation.clock() ?? SystemWallClock(), logger: logger,
            reload: { try config.load() }
        ).run()
    }
}
