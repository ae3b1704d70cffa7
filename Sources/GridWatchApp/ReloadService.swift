import GridWatchCore
import Logging
import ServiceLifecycle
import Store

/// On SIGHUP, loads the configuration file again (with the device profiles and the rule file it
/// names). A valid one goes to the collector, which restarts its bus pollers with it, and to the rule
/// checker; readings pending in the writer, the aggregator's open outages and open violations stay. An invalid one is logged with its `file:line` reason, and the
/// running configuration keeps running. Without `load`, SIGHUP is left alone.
struct ReloadService: Service {
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
                logger.notice("configuration reloaded", metadata: [
                    "config": "\(configuration.file)", "buses": "\(configuration.buses.count)", "devices": "\(configuration.devices.count)",
                    "rules": "\(configuration.rules?.ruleSet.rules.count ?? 0)",
                ])
            } catch {
                logger.error("configuration not reloaded, the running one stays", metadata: ["error": "\(error)"])
            }
        }
    }
}
