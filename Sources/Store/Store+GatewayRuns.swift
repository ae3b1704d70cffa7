import GRDB

/// A span of time the gateway itself was not running: outages in it are "unknown", not "none".
public struct GatewayGap: Sendable, Hashable, Codable {
    public enum Reason: String, Sendable, Hashable, Codable {
        /// The previous run ended without recording its stop (killed, crashed, power cut).
        case killed
        /// The previous run stopped cleanly.
        case stopped
    }
    public var startMillis: Int64
    public var endMillis: Int64
    public var reason: Reason
}

extension Store {
    /// Records the start of a daemon run and the gap since the previous run ended (its recorded stop,
    /// or the last batch it committed when it was killed).
    /// - Returns: the run id (give it to `ReadingWriter`) and the recovered gap, if there was a run before.
    public func beginRun(at now: Int64 = Store.nowMillis()) async throws -> (runID: Int64, gap: GatewayGap?) {
        try await pool.write { db in
            var gap: GatewayGap?
            if let previous = try Row.fetchOne(
                db, sql: "SELECT alive_ms, stopped_ms FROM gateway_runs ORDER BY id DESC LIMIT 1")
            {
                let stopped: Int64? = previous["stopped_ms"]
                let end: Int64 = stopped ?? previous["alive_ms"]
                gap = GatewayGap(startMillis: end, endMillis: max(end, now), reason: stopped == nil ? .killed : .stopped)
                try db.execute(
                    sql: "INSERT INTO gateway_gaps(start_ms, end_ms, reason) VALUES (?, ?, ?)",
                    arguments: [gap!.startMillis, gap!.endMillis, gap!.reason.rawValue])
            }
            try db.execute(sql: "INSERT INTO gateway_runs(started_ms, alive_ms) VALUES (?, ?)", arguments: [now, now])
            return (db.lastInsertedRowID, gap)
        }
    }

    /// Records a clean stop of the run (call after the writer's last flush).
    public func endRun(_ runID: Int64, at now: Int64 = Store.nowMillis()) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE gateway_runs SET alive_ms = ?, stopped_ms = ? WHERE id = ?", arguments: [now, now, runID])
        }
    }

    /// The gateway's own downtime gaps overlapping [from, to), oldest first.
    public func gatewayGaps(fromMillis from: Int64, toMillis to: Int64) async throws -> [GatewayGap] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT start_ms, end_ms, reason FROM gateway_gaps WHERE start_ms < ? AND end_ms > ? ORDER BY start_ms",
                arguments: [to, from]
            ).map { row in
                GatewayGap(startMillis: row[0], endMillis: row[1], reason: GatewayGap.Reason(rawValue: row[2]) ?? .killed)
            }
        }
    }

    /// Marks the run alive now; the reading writer calls it inside each batch's transaction.
    static func recordAlive(runID: Int64, db: Database) throws {
        try db.execute(sql: "UPDATE gateway_runs SET alive_ms = ? WHERE id = ?", arguments: [Store.nowMillis(), runID])
    }
}
