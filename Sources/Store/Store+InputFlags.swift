import GRDB

/// Device input rejected as untrusted, for data-quality review: since when and until when a device
/// sent it, and the last rejected value.
public struct InputFlag: Sendable, Hashable {
    public var deviceID: String
    /// Why it was rejected, such as `meter_clock_not_finite` or `log_end_before_start`.
    public var reason: String
    public var firstMillis: Int64
    public var lastMillis: Int64
    public var lastValue: String?

    public init(deviceID: String, reason: String, firstMillis: Int64, lastMillis: Int64, lastValue: String? = nil) {
        self.deviceID = deviceID
        self.reason = reason
        self.firstMillis = firstMillis
        self.lastMillis = lastMillis
        self.lastValue = lastValue
    }
}

extension Store {
    /// Records that `deviceID` sent input rejected for `reason` at `now`: the first time opens the flag,
    /// later times move its end and last value.
    public func flagInput(deviceID: String, reason: String, value: String?, at now: Int64) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO input_flags(device_id, reason, first_ms, last_ms, last_value) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(device_id, reason) DO UPDATE SET
                        last_ms = max(last_ms, excluded.last_ms), last_value = coalesce(excluded.last_value, last_value)
                    """,
                arguments: [deviceID, reason, now, now, value])
        }
    }

    /// The flags of one device, or of every device; most recent first.
    public func inputFlags(deviceID: String? = nil) async throws -> [InputFlag] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: """
                    SELECT device_id, reason, first_ms, last_ms, last_value FROM input_flags
                    WHERE ? IS NULL OR device_id = ? ORDER BY last_ms DESC, device_id, reason
                    """,
                arguments: [deviceID, deviceID]
            ).map { InputFlag(deviceID: $0[0], reason: $0[1], firstMillis: $0[2], lastMillis: $0[3], lastValue: $0[4]) }
        }
    }
}
