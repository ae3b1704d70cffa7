import Collector
import DeviceProfiles
import Foundation
import Modbus
import Store
import YAMLConfig

extension GatewayConfiguration {
    private static let keys = ["gateway_id", "database", "topology", "devices_dir", "store", "supervision", "buses", "http", "forward", "rules"]

    /// Loads and validates `path`; every mistake is reported as `file:line: what, expected`.
    /// - Parameter profileSearchPath: where profiles are looked for after `devices_dir`.
    public static func load(
        contentsOf path: String, profileSearchPath: ProfileLibrary = .standard()
    ) throws(YAMLConfigError) -> GatewayConfiguration {
        let root = try YAMLMapping(YAMLDocument.load(contentsOf: path), file: path, subject: "configuration", allowedKeys: keys)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        func resolve(_ relative: String) -> String {
            relative.hasPrefix("/") ? relative : folder.appendingPathComponent(relative).standardized.path
        }
        var profiles = profileSearchPath
        if let extra = try root.string("devices_dir") { profiles.directories.insert(resolve(extra), at: 0) }

        var configuration = GatewayConfiguration(
            file: path,
            gatewayID: try root.string("gateway_id") ?? ProcessInfo.processInfo.hostName,
            database: resolve(try root.requiredString("database")),
            topology: try root.string("topology").map(resolve),
            profiles: profiles,
            store: try root.node("store").map { node throws(YAMLConfigError) in
                try StoreConfiguration(yaml: YAMLMapping(node, file: path, subject: "store", allowedKeys: StoreConfiguration.yamlKeys), database: "")
            } ?? StoreConfiguration(path: ""),
            supervision: try root.node("supervision").map { node throws(YAMLConfigError) in
                try SupervisionPolicy(yaml: YAMLMapping(node, file: path, subject: "supervision", allowedKeys: SupervisionPolicy.yamlKeys))
            } ?? SupervisionPolicy(),
            buses: []
        )
        configuration.store.path = configuration.database
        try configuration.loadForwarding(from: root, resolve: resolve)
        try configuration.loadRules(from: root, resolve: resolve)

        let busNodes = try root.sequence("buses")
        guard !busNodes.isEmpty else {
            throw root.error(.missingKey, "buses", "configuration has no buses, expected a list under 'buses'")
        }
        var cache: [String: DeviceProfile] = [:]
        var deviceIDs: Set<String> = []
        for node in busNodes {
            let bus = try BusConfiguration(yaml: node, file: path) { name, mapping throws(YAMLConfigError) in
                if let cached = cache[name] { return cached }
                do {
                    let profile = try profiles.load(name)
                    cache[name] = profile
                    return profile
                } catch {
                    throw mapping.error(.invalidValue, "profile", "profile '\(name)' of \(mapping.subject) cannot be used: \(error)")
                }
            }
            guard !configuration.buses.contains(where: { $0.id == bus.id }) else {
                throw YAMLConfigError(.duplicate, file: path, line: node.mark?.line ?? 0, "bus id '\(bus.id)' is used twice, expected unique bus ids")
            }
            for device in bus.devices where !deviceIDs.insert(device.id).inserted {
                throw YAMLConfigError(.duplicate, file: path, line: node.mark?.line ?? 0, "device id '\(device.id)' is used twice, expected unique device ids")
            }
            configuration.buses.append(bus)
        }
        return configuration
    }
}

extension StoreConfiguration {
    static let yamlKeys = ["batch_interval", "batch_size", "raw_retention", "max_database_mb"]

    init(yaml: YAMLMapping, database: String) throws(YAMLConfigError) {
        self.init(path: database)
        if let value = try yaml.duration("batch_interval") { batchInterval = value }
        if let value = try yaml.int("batch_size", in: 1...1_000_000) { batchSize = value }
        if let value = try yaml.duration("raw_retention") { rawRetention = value }
        if let value = try yaml.int("max_database_mb", in: 1...10_000_000) { maxDatabaseBytes = Int64(value) << 20 }
    }
}

extension SupervisionPolicy {
    static let yamlKeys = ["offline_after", "offline_after_failed_cycles", "backoff_initial", "backoff_max"]

    init(yaml: YAMLMapping) throws(YAMLConfigError) {
        let defaults = SupervisionPolicy()
        let initial = try yaml.duration("backoff_initial") ?? defaults.backoff.initial
        let maximum = try yaml.duration("backoff_max") ?? defaults.backoff.maximum
        guard maximum >= initial else {
            throw yaml.error(.invalidValue, "backoff_max", "backoff_max is shorter than backoff_initial, expected at least as long")
        }
        self.init(
            offlineAfter: try yaml.duration("offline_after") ?? defaults.offlineAfter,
            offlineAfterFailedCycles: try yaml.int("offline_after_failed_cycles", in: 1...1000) ?? defaults.offlineAfterFailedCycles,
            backoff: Backoff(initial: initial, maximum: maximum)
        )
    }
}
