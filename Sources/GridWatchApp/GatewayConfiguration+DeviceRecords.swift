import Store

extension GatewayConfiguration {
    /// The configured devices as the store registers them, each with its bus.
    var deviceRecords: [DeviceRecord] {
        devices.map { device in
            DeviceRecord(
                id: device.id, bus: buses.first { $0.devices.contains { $0.id == device.id } }?.id,
                unit: device.unit, profile: device.profile.name, area: device.area, line: device.line
            )
        }
    }
}
