import Fleet
import Foundation
import Logging
import ServiceLifecycle
import Store
import YAMLConfig

extension GatewayConfiguration {
    static let forwardKeys = ["postgres_url_file", "batch_size", "initial_backoff", "max_backoff", "poll_interval", "max_outbox_items"]

    /// Reads `forward:` when present; forwarding also makes the store queue every record in its outbox.
    ///
    /// ```yaml
    /// forward:
    ///   postgres_url_file: /etc/gridwatch/central.url   # else GRIDWATCH_POSTGRES_URL
    ///   batch_size: 5000
    ///   initial_backoff: 500ms
    ///   max_backoff: 1min
    ///   poll_interval: 1s
    ///   max_outbox_items: 1000000
    /// ```
    mutating func loadForwarding(from root: YAMLMapping, resolve: (String) -> String) throws(YAMLConfigError) {
        guard let node = root.node("forward") else { return }
        let yaml = try YAMLMapping(node, file: file, subject: "forward", allowedKeys: Self.forwardKeys)
        var forward = ForwardConfiguration()
        forward.postgresURLFile = try yaml.string("postgres_url_file").map(resolve)
        if let value = try yaml.int("batch_size", in: 1...20_000) { forward.batchSize = value }
        if let value = try yaml.duration("initial_backoff") { forward.initialBackoff = value }
        if let value = try yaml.duration("max_backoff") { forward.maxBackoff = value }
        if let value = try yaml.duration("poll_interval") { forward.pollInterval = value }
        if let value = try yaml.int("max_outbox_items", in: 1_000...1_000_000_000) { forward.maxOutboxItems = value }
        guard forward.maxBackoff >= forward.initialBackoff else {
            throw yaml.error(.invalidValue, "max_backoff", "'max_backoff' of forward is shorter than 'initial_backoff', expected at least as long")
        }
        self.forward = forward
        store.forwarding = true
    }

    /// The forwarder when `forward:` is configured, else `nil`. The URL comes from the configured
    /// `postgres_url_file` (which `--postgres-url-file` overrides) or `GRIDWATCH_POSTGRES_URL`.
    public func forwarder(store: Store, logger: Logger) throws -> Forwarder? {
        guard let forward else { return nil }
        let url = try CentralDatabaseURL.resolve(file: forward.postgresURLFile)
        return Forwarder(
            store: store, gatewayID: gatewayID, placements: try meterPlacements(), url: url, configuration: forward,
            logger: logger)
    }

}
