import ArgumentParser
import Foundation
import GridWatchApp
import GridWatchCore
import Store

/// `--config FILE`: the gateway configuration that commands read the database and devices from.
struct ConfigOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: "Gateway configuration (YAML), e.g. config/gridwatch.example.yaml.")
    var path: String

    /// The validated configuration; a mistake is reported as `file:line: what, expected`.
    func load() throws -> GatewayConfiguration {
        try GatewayConfiguration.load(contentsOf: path)
    }

    /// The configuration's database, opened read-only: it never blocks or slows a running daemon.
    func openStore() throws -> (GatewayConfiguration, Store) {
        try Self.openStore(path: path)
    }

    /// The database of the configuration at `path`, opened read-only (or `access`).
    static func openStore(path: String, access: Store.Access = .readOnly) throws -> (GatewayConfiguration, Store) {
        let configuration = try GatewayConfiguration.load(contentsOf: path)
        guard FileManager.default.fileExists(atPath: configuration.database) else {
            throw ValidationError("\(configuration.database): no database yet; start `gridwatch run --config \(path)` first")
        }
        return (configuration, try Store(configuration.store, access: access))
    }
}

/// Times as outputs show them: ISO-8601 in the gateway's local offset.
enum LocalTime {
    static var offsetSeconds: Int { TimeZone.current.secondsFromGMT() }

    static func format(milliseconds: Int64?) -> String? {
        milliseconds.map { ISO8601Time.format(unixSeconds: $0 / 1000, utcOffsetSeconds: offsetSeconds) }
    }
}
