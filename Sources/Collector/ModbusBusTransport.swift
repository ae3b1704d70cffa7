import DeviceProfiles
import GridWatchCore
import Modbus

/// A bus reached through one libmodbus connection (a TCP endpoint or a serial line) shared by its
/// devices, each a unit id with a profile.
public struct ModbusBusTransport: BusTransport {
    public struct Device: Sendable {
        public var unit: Int
        public var profile: DeviceProfile

        public init(unit: Int, profile: DeviceProfile) {
            self.unit = unit
            self.profile = profile
        }
    }

    public let connection: ModbusConnection
    public let devices: [Device]
    /// Stamps each result (a demo's accelerated clock stamps what it stores).
    public let wallClock: any WallClock

    public init(connection: ModbusConnection, devices: [Device], wallClock: any WallClock = SystemWallClock()) {
        self.connection = connection
        self.devices = devices
        self.wallClock = wallClock
    }

    /// Reads one device's group. The result is stamped with the middle of the exchange: a register
    /// (the meter's clock among them) was sampled somewhere between request and reply, so the midpoint
    /// halves the worst error of a clock-offset measurement, as NTP does.
    public func poll(device: Int, group: String?) async -> DeviceReadResult {
        let sent = wallClock.nowMillis()
        var result = await connection.read(profile: devices[device].profile, unit: devices[device].unit, group: group)
        result.timeMillis = (sent + wallClock.nowMillis()) / 2
        return result
    }

    public func reconnect() async {
        await connection.close()
    }
}
