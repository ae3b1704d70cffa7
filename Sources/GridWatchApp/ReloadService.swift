import GridWatchCore
import Logging
import ServiceLifecycle
import Store

/// On SIGHUP, loads the configuration file again (with the device profiles and the rule file it
/// names). A valid one goes to the collector, which restarts its bus pollers with it, and to the rule
/// checker; readings pending in the writer, the aggregator's open outages and open violations stay. An invalid one is logged with its `file:line` reason, and the
/// running configuration keeps running. Settings that the open database, HTTP listener or forwarder
/// were started with (`database`, `store`, `http`, `forward`, `gateway_id`) take effect at the next
/// restart, and a reload that changes them says so. Without `load`, SIGHUP is left alone.
struct ReloadService: Service {
    /// The configuration the daemon started with, and its `http` key as read then.
    let running: GatewayConfiguration
    let runningHTTP: HTTPConfiguration?
    let load: (@Sendable () throws -> GatewayConfiguration)?
    let reloads: ConfigurationReloads
    let aggregator: OutageAggregator
    let rules: RuleChecker
    let store: Store
    let wallClock: any WallClock
    let logger: Logger

    func run() async throws {
        guard let load else {
            try? await gracefulShutdown()
            return
        }
        for await _ in HangupSignals().cancelOnGracefulShutdown() {
            do {
                let configuration = try load()
                try await store.registerDevices(configuration.deviceRecords, at: wallClock.nowMillis())
                try await aggregator.reconfigure(configuration)
                await rules.reconfigure(configuration)
                await reloads.submit(configuration)
                let pending = try Self.restartOnlyChanges(from: running, http: runningHTTP, to: configuration)
                if !pending.isEmpty {
                    logger.warning("configuration changes that take effect at the next restart", metadata: [
                        "keys": "\(pending.joined(separator: ","))",
                    ])
                }
                logger.notice("configuration reloaded", metadata: [
                    "config": "\(configuration.file)", "buses": "\(configuration.buses.count)", "devices": "\(configuration.devices.count)",
                    "rules": "\(configuration.rules?.ruleSet.rules.count ?? 0)",
                ])
            } catch {
                logger.error("configuration not reloaded, the running one stays", metadata: ["error": "\(error)"])
            }
        }
    }

    /// The top-level keys whose change only a restart applies.
    static func restartOnlyChanges(from old: GatewayConfiguration, http oldHTTP: HTTPConfiguration?, to new: GatewayConfiguration) throws -> [String] {
        var keys: [String] = []
        if old.gatewayID != new.gatewayID { keys.append("gateway_id") }
        if old.database != new.database { keys.append("database") }
        var oldStore = old.store
        oldStore.path = new.store.path
        if oldStore != new.store { keys.append("store") }
        if try oldHTTP != new.httpConfiguration() { keys.append("http") }
        if old.forward != new.forward { keys.append("forward") }
        return keys
    }
}
