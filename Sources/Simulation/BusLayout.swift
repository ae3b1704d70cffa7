/// How the simulated substation is spread over Modbus servers, each of which is one bus of the
/// daemon: every area's terminal unit on a TCP bus of its own (unit 1), so that silent meters never
/// delay it, and the area's meters on buses of at most `maxMetersPerBus` units (1, 2, ...): TCP
/// ports, or one RTU line for an area served over RTU.
public struct BusLayout: Sendable, Hashable {
    public static let maxMetersPerBus = 246
    public static let meterProfile = "gridwatch-lv-meter"
    public static let terminalUnitProfile = "gridwatch-ttu"

    public enum DeviceKind: Sendable, Hashable {
        /// `meters[index]` of the timeline.
        case meter(index: Int)
        case terminalUnit
    }

    public struct Device: Sendable, Hashable {
        public var id: String
        public var unit: Int
        public var kind: DeviceKind
        public var area: String
        public var line: String

        public var profile: String { kind == .terminalUnit ? BusLayout.terminalUnitProfile : BusLayout.meterProfile }
    }

    public struct Bus: Sendable, Hashable {
        /// `<area>-ttu`, `<area>-meters`, `<area>-meters-2`, ...
        public var id: String
        public var area: String
        public var devices: [Device]
        /// Served over Modbus RTU on a pty pair rather than a TCP port.
        public var isSerial: Bool
    }

    /// In port order: per area, the TTU's bus, then the meters' buses.
    public var buses: [Bus]

    public init(timeline: SubstationTimeline) {
        buses = timeline.scenario.areas.flatMap { area -> [Bus] in
            let terminal = Bus(id: "\(area.id)-ttu", area: area.id, devices: [
                Device(id: area.terminalUnitID, unit: 1, kind: .terminalUnit, area: area.id, line: area.line),
            ], isSerial: false)
            let meters = timeline.meters.filter { $0.area.id == area.id }
            let chunks = stride(from: 0, to: meters.count, by: Self.maxMetersPerBus).map {
                meters[$0..<min($0 + Self.maxMetersPerBus, meters.count)]
            }
            return [terminal] + chunks.enumerated().map { number, chunk in
                Bus(
                    id: number == 0 ? "\(area.id)-meters" : "\(area.id)-meters-\(number + 1)", area: area.id,
                    devices: chunk.enumerated().map { offset, meter in
                        Device(id: meter.id, unit: offset + 1, kind: .meter(index: meter.index), area: area.id, line: area.line)
                    },
                    isSerial: area.servedOverRTU
                )
            }
        }
    }
}
