import ArgumentParser
import Fleet
import GridWatchApp
import Logging
import Reliability

/// `--postgres-url-file PATH`: the file holding the central database's URL (with its credentials);
/// without it, `GRIDWATCH_POSTGRES_URL`. Never the URL itself as an argument (it would show in `ps`).
struct PostgresURLOptions: ParsableArguments {
    @Option(name: .customLong("postgres-url-file"), help: "File holding the central PostgreSQL URL (default: $GRIDWATCH_POSTGRES_URL).")
    var postgresURLFile: String?

    func url(configured: String? = nil) throws -> CentralDatabaseURL {
        try CentralDatabaseURL.resolve(file: postgresURLFile ?? configured)
    }

    /// The configuration with `--postgres-url-file` taking the place of `forward.postgres_url_file`.
    func apply(to configuration: GatewayConfiguration) -> GatewayConfiguration {
        var configuration = configuration
        if let postgresURLFile { configuration.forward?.postgresURLFile = postgresURLFile }
        return configuration
    }
}

/// `--central`: read every gateway's records from the central database instead of one gateway's.
struct CentralOptions: ParsableArguments {
    @Flag(help: "Read the central database: the records of every gateway (see `gridwatch central`).")
    var central = false

    @OptionGroup var postgres: PostgresURLOptions

    /// The fleet's topology, its outage records overlapping [from, to) (all when `nil`) with the planned
    /// notices applied, and the notices: what a gateway's `--config` gives of its own.
    func outageTable(from: Int64? = nil, to: Int64? = nil, fields: CentralOutageFields = .all)
        async throws -> (topology: Topology, outages: OutageTable, plannedNotices: [PlannedNotice]) {
        let logger = Logger.central
        return try await withCentralClient(try postgres.url(), logger: logger) { client in
            try await CentralSchema.requireCurrent(client, logger: logger)
            return try await CentralReader(client: client, logger: logger).outageTableWithNotices(from: from, to: to, fields: fields)
        }
    }
}

extension Logger {
    /// The command-line tool's logger for the central database: warnings and errors to standard error.
    static var central: Logger {
        var logger = Logger(label: "gridwatch.central")
        logger.logLevel = .warning
        return logger
    }
}
