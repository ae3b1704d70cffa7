import ArgumentParser
import GridWatchApp
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
            ends in-flight reads, commits what is pending and exits.
            """
    )

    @OptionGroup var config: ConfigOptions
    @OptionGroup var postgres: PostgresURLOptions

    func run() async throws {
        let configuration = postgres.apply(to: try config.load())
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        var logger = Logger(label: "gridwatch")
        logger.logLevel = .info
        try await GatewayDaemon(configuration: configuration, logger: logger).run()
    }
}
