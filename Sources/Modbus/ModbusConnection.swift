import DeviceProfiles

/// One Modbus endpoint: a TCP device or gateway, or an RTU bus. Requests to it run one at a time on
/// its own dispatch queue, so that libmodbus's blocking calls never occupy Swift's cooperative pool.
/// Different endpoints run in parallel.
public actor ModbusConnection {
    public nonisolated let endpoint: ModbusEndpoint
    public nonisolated let options: ConnectionOptions
    let executor: DispatchQueueExecutor
    let client: ModbusClient
    /// Points each (unit, profile) refused with ILLEGAL DATA ADDRESS; never asked for again.
    var unsupportedPoints: [UnitProfile: Set<String>] = [:]
    /// The reads planned for each (unit, profile, group), reused while the profile stays the same;
    /// dropped when the unit's unsupported points change.
    var plans: [PlanKey: DevicePlan] = [:]
    /// The last device read's register buffer, kept for the next one.
    var spareRegisters: [UInt16] = []

    struct UnitProfile: Hashable {
        var unit: Int
        var profile: String
    }

    struct PlanKey: Hashable {
        var device: UnitProfile
        var group: String?
    }

    public init(endpoint: ModbusEndpoint, options: ConnectionOptions = ConnectionOptions()) {
        self.endpoint = endpoint
        self.options = options
        executor = DispatchQueueExecutor(label: "gridwatch.modbus \(endpoint)")
        client = ModbusClient(endpoint: endpoint, options: options)
    }

    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// Runs a task on the connection's queue (`Task(executorPreference: connection.taskExecutor)`):
    /// its `await connection.read(profile:unit:group:)` calls then run in place, with no executor switch.
    public nonisolated var taskExecutor: any TaskExecutor { executor.taskExecutor }

    /// Reads `count` registers (or bits, as words of 0 and 1) from `unit`.
    public func read(unit: Int, function: ModbusFunction, address: Int, count: Int) throws -> [UInt16] {
        try client.read(unit: unit, function: function, address: address, count: count)
    }

    /// Runs `body` on the connection's own queue. Reads made inside it are plain calls: a polling loop
    /// written this way costs no thread switch per read, like a task running on `taskExecutor`, where
    /// each `await connection.read(...)` from a task on Swift's cooperative pool costs two.
    public func withIsolation<T: Sendable>(_ body: @Sendable (isolated ModbusConnection) async throws -> T) async rethrows -> T {
        try await body(self)
    }

    /// Closes the link now; the next read reconnects.
    public func close() {
        client.close()
    }

    /// Points of `profile` that `unit` refused (ILLEGAL DATA ADDRESS) and that are no longer requested.
    public func unsupportedPoints(unit: Int, profile: String) -> Set<String> {
        unsupportedPoints[UnitProfile(unit: unit, profile: profile)] ?? []
    }

    /// Forgets what `unit` refused, e.g. after its firmware was replaced.
    public func forgetUnsupportedPoints(unit: Int, profile: String) {
        setUnsupportedPoints([], of: UnitProfile(unit: unit, profile: profile))
    }

    /// Records the points `device` refused, and drops its plans, which were made without knowing them.
    func setUnsupportedPoints(_ points: Set<String>, of device: UnitProfile) {
        unsupportedPoints[device] = points.isEmpty ? nil : points
        plans = plans.filter { $0.key.device != device }
    }
}
