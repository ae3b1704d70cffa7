/// A device model's register map: loaded from `devices/<name>.yaml`.
public struct DeviceProfile: Sendable, Hashable {
    /// The file name without `.yaml`; how configurations and `--profile` refer to the profile.
    public var name: String
    public var manufacturer: String
    public var model: String
    public var description: String
    public var points: [Point]
    public var outageLog: OutageLogLayout?
    public var workarounds: Workarounds

    public init(
        name: String, manufacturer: String = "", model: String = "", description: String = "",
        points: [Point], outageLog: OutageLogLayout? = nil, workarounds: Workarounds = Workarounds()
    ) {
        self.name = name
        self.manufacturer = manufacturer
        self.model = model
        self.description = description
        self.points = points
        self.outageLog = outageLog
        self.workarounds = workarounds
    }

    /// The point called `name`, if the profile has one.
    public func point(named name: String) -> Point? { points.first { $0.name == name } }

    /// Points polled with `group`: every point when `group` is `nil`.
    public func points(inGroup group: String?) -> [Point] {
        guard let group else { return points }
        return points.filter { $0.group == group }
    }

    /// Whether the outage log is read with `group` (always when `group` is `nil`).
    public func readsOutageLog(inGroup group: String?) -> Bool {
        guard let outageLog else { return false }
        return group == nil || outageLog.group == group
    }

    /// Every poll group the profile names.
    public var groups: Set<String> {
        Set(points.compactMap(\.group) + [outageLog?.group].compactMap { $0 })
    }
}
