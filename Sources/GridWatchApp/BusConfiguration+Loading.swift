import DeviceProfiles
import Modbus
import YAMLConfig
import Yams

extension BusConfiguration {
    private static let keys = ["id", "tcp", "rtu", "timeout_ms", "byte_timeout_ms", "connect_timeout_ms", "devices"]
    private static let rtuKeys = ["device", "baud", "parity", "data_bits", "stop_bits"]

    /// Reads one item of `buses`; `profile` resolves a profile name given by a device mapping.
    init(
        yaml node: Node, file: String,
        profile: (String, YAMLMapping) throws(YAMLConfigError) -> DeviceProfile
    ) throws(YAMLConfigError) {
        let bus = try YAMLMapping(node, file: file, subject: "a bus", allowedKeys: Self.keys)
        id = try bus.requiredString("id")
        let subject = "bus '\(id)'"
        switch (try bus.string("tcp"), bus.node("rtu")) {
        case (let tcp?, nil):
            guard let endpoint = ModbusEndpoint.tcp(tcp) else {
                throw bus.error(.invalidValue, "tcp", "'tcp' of \(subject) is '\(tcp)', expected HOST:PORT")
            }
            self.endpoint = endpoint
        case (nil, let rtu?):
            let line = try YAMLMapping(rtu, file: file, subject: "'rtu' of \(subject)", allowedKeys: Self.rtuKeys)
            endpoint = .rtu(SerialLine(
                device: try line.requiredString("device"),
                baud: try line.int("baud", in: 300...4_000_000) ?? 9600,
                parity: try line.choice("parity", from: SerialLine.Parity.allCases, spelling: \.rawValue) ?? .none,
                dataBits: try line.int("data_bits", in: 5...8) ?? 8,
                stopBits: try line.int("stop_bits", in: 1...2) ?? 1
            ))
        default:
            throw YAMLConfigError(.invalidValue, file: file, line: bus.line, "\(subject) needs exactly one of 'tcp' and 'rtu'")
        }
        var options = ConnectionOptions()
        if let value = try bus.int("timeout_ms", in: 1...600_000) { options.responseTimeout = .milliseconds(value) }
        if let value = try bus.int("byte_timeout_ms", in: 1...600_000) { options.byteTimeout = .milliseconds(value) }
        if let value = try bus.int("connect_timeout_ms", in: 1...600_000) { options.connectTimeout = .milliseconds(value) }
        self.options = options

        devices = []
        for item in try bus.sequence("devices") {
            let device = try DeviceConfiguration(yaml: item, file: file, bus: subject, profile: profile)
            if devices.contains(where: { $0.unit == device.unit }) {
                throw YAMLConfigError(.duplicate, file: file, line: item.mark?.line ?? bus.line, "unit \(device.unit) is used twice on \(subject), expected one device per unit id")
            }
            devices.append(device)
        }
        guard !devices.isEmpty else {
            throw bus.error(.missingKey, "devices", "\(subject) has no devices, expected a list under 'devices'")
        }
    }
}

extension DeviceConfiguration {
    private static let keys = ["id", "unit", "profile", "role", "interval", "intervals", "area", "line"]

    init(
        yaml node: Node, file: String, bus: String,
        profile: (String, YAMLMapping) throws(YAMLConfigError) -> DeviceProfile
    ) throws(YAMLConfigError) {
        let subject = node.mapping?["id"]?.string.map { "device '\($0)'" } ?? "a device of \(bus)"
        let named = try YAMLMapping(node, file: file, subject: subject, allowedKeys: Self.keys)
        id = try named.requiredString("id")
        guard let unit = try named.int("unit", in: 0...255) else {
            throw YAMLConfigError(.missingKey, file: file, line: named.line, "device '\(id)' has no 'unit', expected a unit id 0-255")
        }
        self.unit = unit
        self.profile = try profile(named.requiredString("profile"), named)
        role = try named.choice("role", from: Role.allCases, spelling: \.rawValue) ?? .meter
        interval = try named.duration("interval") ?? .seconds(15)
        area = try named.string("area")
        line = try named.string("line")
        groupIntervals = [:]
        if let node = named.node("intervals") {
            let groups = self.profile.groups.sorted()
            let intervals = try YAMLMapping(node, file: file, subject: "'intervals' of device '\(id)'", allowedKeys: groups)
            for group in intervals.keys {
                groupIntervals[group] = try intervals.duration(group)
            }
            if self.profile.points.contains(where: { $0.group == nil }) {
                throw named.error(.invalidValue, "intervals", "profile '\(self.profile.name)' has points in no poll group, so 'intervals' of device '\(id)' cannot schedule them; expected 'interval' alone")
            }
        }
    }
}
