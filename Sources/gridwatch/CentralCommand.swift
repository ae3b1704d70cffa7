import ArgumentParser
import Fleet
import Foundation
import GridWatchApp
import Logging
import Store

/// `gridwatch central`: the central PostgreSQL that every gateway forwards to (issue 8).
struct CentralCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "central",
        abstract: "Manage the central database of a fleet of gateways.",
        discussion: """
            The URL comes from $GRIDWATCH_POSTGRES_URL or --postgres-url-file, never from an argument: \
            postgres://user:password@host:port/database?sslmode=disable|prefer|require|verify-full. \
            `gridwatch outages|indices|rules check --central` read the fleet's records.
            """,
        subcommands: [CentralMigrateCommand.self, CentralForwardCommand.self]
    )
}

/// `gridwatch central migrate`: creates or upgrades the central schema.
struct CentralMigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Create or upgrade the central schema (safe to run again).")

    @OptionGroup var postgres: PostgresURLOptions

    func run() async throws {
        let logger = Logger.central
        let url = try postgres.url()
        let applied = try await withCentralClient(url, logger: logger) { client in
            try await CentralSchema.migrate(client, logger: logger)
        }
        print("central schema at version \(CentralSchema.version) (\(applied) migration(s) applied) on \(url)")
    }
}

/// `gridwatch central forward --config FILE`: delivers a gateway's outbox now, until it is empty.
struct CentralForwardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forward",
        abstract: "Deliver a gateway's forward outbox to the central database until it is empty, then exit.")

    @OptionGroup var config: ConfigOptions
    @OptionGroup var postgres: PostgresURLOptions

    @Flag(help: "First queue every record already stored (a gateway that starts forwarding with a history): the central side upserts, so nothing is duplicated.")
    var allStored = false

    func run() async throws {
        var configuration = postgres.apply(to: try config.load())
        if configuration.forward == nil {
            configuration.forward = ForwardConfiguration(postgresURLFile: postgres.postgresURLFile)
        }
        let store = try Store(configuration.store)
        if allStored { try await store.queueStoredRecordsForForwarding() }
        let clock = ContinuousClock()
        let started = clock.now
        let delivered = try await configuration.forwarder(store: store, logger: Logger.central)!.drain()
        let seconds = (clock.now - started) / .seconds(1)
        print("{\"gateway_id\":\"\(configuration.gatewayID)\",\"delivered_items\":\(delivered),\"seconds\":\(seconds)}")
    }
}
