import GRDB
import GridWatchCore

/// A configured device as the store keeps it.
public struct DeviceRecord: Sendable, Hashable, Codable {
    public var id: String
    public var bus: String?
    public var unit: Int?
    public var profile: String?
    public var area: String?
    public var line: String?
    /// In-service dates, Unix seconds.
    public var inServiceFrom: Int64?
    public var inServiceTo: Int64?

    public init(
        id: String, bus: String? = nil, unit: Int? = nil, profile: String? = nil, area: String? = nil,
        line: String? = nil, inServiceFrom: Int64? = nil, inServiceTo: Int64? = nil
    ) {
        self.id = id
        self.bus = bus
        self.unit = unit
        self.profile = profile
        self.area = area
        self.line = line
        self.inServiceFrom = inServiceFrom
        self.inServiceTo = inServiceTo
    }
}

/// One error a device reported, as kept in its health history.
public struct DeviceError: Sendable, Hashable, Codable {
    public var timeMillis: Int64
    public var code: String?
    public var message: String?
}

/// A device with its latest health snapshot (`nil` health: never polled, status `never_seen`).
public struct DeviceOverview: Sendable, Hashable {
    public var device: DeviceRecord
    public var health: DeviceHealth?
    public var status: DeviceStatus { health?.status ?? .neverSeen }
}

extension Store {
    /// Inserts or updates the configured devices (the daemon calls it at start and on reload).
    /// Devices no longer configured stay, with their history.
    public func registerDevices(_ devices: [DeviceRecord], at now: Int64 = Store.nowMillis()) async throws {
        try await pool.write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO devices(id, bus, unit, profile, area, line, in_service_from_s, in_service_to_s, updated_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET bus = excluded.bus, unit = excluded.unit, profile = excluded.profile,
                    area = excluded.area, line = excluded.line, in_service_from_s = excluded.in_service_from_s,
                    in_service_to_s = excluded.in_service_to_s, updated_ms = excluded.updated_ms
                """)
            for device in devices {
                try statement.execute(arguments: [
                    device.id, device.bus, device.unit, device.profile, device.area, device.line,
                    device.inServiceFrom, device.inServiceTo, now,
                ])
            }
        }
    }

    /// Every device, ordered by id, with its current health.
    public func devices() async throws -> [DeviceOverview] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "\(Self.deviceOverviewSQL) ORDER BY d.id").map(Self.deviceOverview)
        }
    }

    /// One device with its current health; throws `.unknownDevice` if it is not in the store.
    public func device(_ id: String) async throws -> DeviceOverview {
        let overview = try await pool.read { db in
            try Row.fetchOne(db, sql: "\(Self.deviceOverviewSQL) WHERE d.id = ?", arguments: [id]).map(Self.deviceOverview)
        }
        guard let overview else { throw StoreError(.unknownDevice, "no device '\(id)' in the store") }
        return overview
    }

    /// Stores health snapshots: each becomes its device's current health and, with `history`, a
    /// history row (the collector keeps history to status changes and a periodic sample). A device
    /// not registered yet gets a bare row.
    public func saveHealth(_ snapshots: [DeviceHealth], history: Bool = true) async throws {
        let forwarding = configuration.forwarding
        try await pool.write { db in
            for health in snapshots {
                try db.execute(
                    sql: "INSERT OR IGNORE INTO devices(id, updated_ms) VALUES (?, ?)", arguments: [health.deviceID, health.timeMillis])
                let values = DeviceHealth.columnValues(health)
                try db.execute(
                    sql: "INSERT OR REPLACE INTO device_health(\(DeviceHealth.columns)) VALUES (\(DeviceHealth.placeholders))",
                    arguments: StatementArguments(values))
                guard history else { continue }
                try db.execute(
                    sql: "INSERT OR REPLACE INTO device_health_history(\(DeviceHealth.columns)) VALUES (\(DeviceHealth.placeholders))",
                    arguments: StatementArguments(values))
                if forwarding {
                    try Self.queueForward(.deviceHealth, id: "\(health.deviceID)@\(health.timeMillis)", db: db)
                }
            }
        }
    }

    /// A device's health snapshots in [from, to), oldest first.
    public func healthHistory(deviceID: String, fromMillis from: Int64, toMillis to: Int64) async throws -> [DeviceHealth] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(DeviceHealth.columns) FROM device_health_history WHERE device_id = ? AND time_ms >= ? AND time_ms < ? ORDER BY time_ms",
                arguments: [deviceID, from, to]
            ).map { DeviceHealth(row: $0, offset: 0) }
        }
    }

    /// A device's most recent distinct errors, newest first, from its health history.
    public func recentErrors(deviceID: String, limit: Int = 10) async throws -> [DeviceError] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: """
                    SELECT last_error_ms, last_error_code, last_error FROM device_health_history
                    WHERE device_id = ? AND last_error_ms IS NOT NULL
                    GROUP BY last_error_ms ORDER BY last_error_ms DESC LIMIT ?
                    """,
                arguments: [deviceID, limit]
            ).map { DeviceError(timeMillis: $0[0], code: $0[1], message: $0[2]) }
        }
    }

    private static let deviceOverviewSQL = """
        SELECT d.id, d.bus, d.unit, d.profile, d.area, d.line, d.in_service_from_s, d.in_service_to_s,
               \(DeviceHealth.columns.split(separator: ",").map { "h.\($0.trimmingPrefix(" "))" }.joined(separator: ", "))
        FROM devices d LEFT JOIN device_health h ON h.device_id = d.id
        """

    private static func deviceOverview(_ row: Row) -> DeviceOverview {
        let device = DeviceRecord(
            id: row[0], bus: row[1], unit: row[2], profile: row[3], area: row[4], line: row[5],
            inServiceFrom: row[6], inServiceTo: row[7])
        let hasHealth = row[9] as String? != nil
        return DeviceOverview(device: device, health: hasHealth ? DeviceHealth(row: row, offset: 8) : nil)
    }
}

extension DeviceHealth {
    static let columns = """
        device_id, status, time_ms, last_success_ms, last_error_ms, last_error, last_error_code, \
        consecutive_failures, success_ratio_hour, success_ratio_day, latency_p50_ms, latency_p99_ms, \
        timeouts, exceptions, crc_errors, offline_transitions, missed_deadlines, unsupported_points
        """
    static let placeholders = Array(repeating: "?", count: 18).joined(separator: ", ")

    static func columnValues(_ h: DeviceHealth) -> [(any DatabaseValueConvertible)?] {
        [
            h.deviceID, h.status.rawValue, h.timeMillis, h.lastSuccessMillis, h.lastErrorMillis, h.lastError,
            h.lastErrorCode, h.consecutiveFailures, h.successRatioHour, h.successRatioDay, h.latencyP50Millis,
            h.latencyP99Millis, h.timeouts, h.exceptions, h.crcErrors, h.offlineTransitions, h.missedDeadlines,
            h.unsupportedPoints,
        ]
    }

    /// Decodes the 18 `columns` starting at `offset`.
    init(row: Row, offset i: Int) {
        self.init(
            deviceID: row[i], status: DeviceStatus(rawValue: row[i + 1]) ?? .neverSeen, timeMillis: row[i + 2],
            lastSuccessMillis: row[i + 3], lastErrorMillis: row[i + 4], lastError: row[i + 5],
            lastErrorCode: row[i + 6], consecutiveFailures: row[i + 7], successRatioHour: row[i + 8],
            successRatioDay: row[i + 9], latencyP50Millis: row[i + 10], latencyP99Millis: row[i + 11],
            timeouts: row[i + 12], exceptions: row[i + 13], crcErrors: row[i + 14], offlineTransitions: row[i + 15],
            missedDeadlines: row[i + 16], unsupportedPoints: row[i + 17])
    }
}
