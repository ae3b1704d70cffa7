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
    /// Stamps each result, so that a demo's accelerated clock stamps what it stores.
    public let wallClock: any WallClock

    public init(connection: ModbusConnection, devices: [Device], wallClock: any WallClock = SystemWallClock()) {
        self.connection = connection
        self.devices = devices
        self.wallClock = wallClock
    }

    public func poll(device: Int, group: String?) async -> DeviceReadResult {
        var result = await connection.read(profile: devices[device].profile, unit: devices[device].unit, group: group)
        result.timeMillis = wallClock.nowMillis()
        return result
    }

    public func reconnect() async {
        await connection.close()
    }
}
