import Collector
import Fleet
import DeviceProfiles
import Modbus
import Store

/// A gateway's configuration (`config/*.yaml`): where to store, which buses and devices to poll.
/// Loaded and validated completely by `GatewayConfiguration.load(contentsOf:)`.
public struct GatewayConfiguration: Sendable {
    /// The file it was loaded from.
    public var file: String
    /// Stable name of this gateway in a fleet (`gateway_id`); the host name when absent.
    public var gatewayID: String
    /// SQLite database path (`database`).
    public var database: String
    /// `topology.csv` path (`topology`), resolved against the configuration's folder.
    public var topology: String?
    /// Folders searched for device profiles by name: `devices_dir` first, then the standard ones.
    public var profiles: ProfileLibrary
    /// Writer batching and retention (`store`).
    public var store: StoreConfiguration
    /// Link supervision thresholds (`supervision`).
    public var supervision: SupervisionPolicy
    public var buses: [BusConfiguration]
    /// Store-and-forward to the central database (`forward`); `nil`: not forwarded.
    public var forward: ForwardConfiguration? = nil
    /// The rule stage (`rules`); `nil`: no rules run in the daemon.
    public var rules: RulesConfiguration? = nil

    /// Every device of every bus, in file order.
    public var devices: [DeviceConfiguration] { buses.flatMap(\.devices) }
}

/// One bus: a serial line or one TCP endpoint (possibly a gateway fronting RTU unit ids). Devices on a
/// bus are polled strictly in turn; buses run concurrently.
public struct BusConfiguration: Sendable {
    public var id: String
    public var endpoint: ModbusEndpoint
    public var options: ConnectionOptions
    public var devices: [DeviceConfiguration]
}

/// One polled device.
public struct DeviceConfiguration: Sendable {
    /// What a device is to the aggregator (`role`).
    public enum Role: String, Sendable, CaseIterable {
        /// A billing meter: one user; its event log gives outage records.
        case meter
        /// A battery-backed transformer terminal unit: its voltage tells an area's outage from a link fault.
        case terminalUnit = "terminal_unit"
        /// Polled and stored only.
        case other
    }

    public var id: String
    public var role: Role
    public var unit: Int
    public var profile: DeviceProfile
    /// How often every point is read (`interval`), unless `intervals` sets a poll group's own.
    public var interval: Duration
    /// Per poll group (`fast`, `slow`, `events`) intervals (`intervals`).
    public var groupIntervals: [String: Duration]
    /// Transformer area and line, when the device names them (a topology file may supply or override them).
    public var area: String?
    public var line: String?

    /// What the collector schedules: one task polling everything, or one per poll group.
    public func pollSchedule() -> [(group: String?, interval: Duration)] {
        guard !groupIntervals.isEmpty else { return [(nil, interval)] }
        return profile.groups.sorted().map { ($0, groupIntervals[$0] ?? interval) }
    }
}
