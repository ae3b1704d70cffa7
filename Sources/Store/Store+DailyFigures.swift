import GRDB
import GridWatchCore

/// The figures the aggregator keeps for one day and one scope: named numerators and denominators
/// (`customers`, `customer_interruptions`, `customer_minutes`, `saidi_minutes`, ...), so that any
/// period's indices roll up by summing, never by averaging.
public struct DailyFigures: Sendable, Hashable, Codable {
    /// Local calendar date `YYYY-MM-DD`.
    public var day: String
    public var level: HierarchyLevel
    /// `system` for the system level.
    public var scopeID: String
    public var values: [String: Double]

    public init(day: String, level: HierarchyLevel, scopeID: String, values: [String: Double]) {
        self.day = day
        self.level = level
        self.scopeID = scopeID
        self.values = values
    }
}

extension Store {
    /// Stores figures; each (day, level, scope) given replaces every figure it had before.
    public func saveDailyFigures(_ figures: [DailyFigures]) async throws {
        let forwarding = configuration.forwarding
        try await writeRecords { db in
            for f in figures {
                try db.execute(
                    sql: "DELETE FROM daily_figures WHERE level = ? AND scope_id = ? AND day = ?",
                    arguments: [f.level.rawValue, f.scopeID, f.day])
                for (name, value) in f.values.sorted(by: { $0.key < $1.key }) {
                    try db.execute(
                        sql: "INSERT INTO daily_figures(day, level, scope_id, name, value) VALUES (?, ?, ?, ?, ?)",
                        arguments: [f.day, f.level.rawValue, f.scopeID, name, value])
                }
                if forwarding { try Self.queueForward(.dailyFigures, id: "\(f.level.rawValue)/\(f.scopeID)/\(f.day)", db: db) }
            }
        }
    }

    /// Figures of days in [fromDay, toDay) (`YYYY-MM-DD`) at one level, of one scope or all scopes,
    /// ordered by scope then day.
    public func dailyFigures(level: HierarchyLevel, scopeID: String? = nil, fromDay: String, toDay: String) async throws -> [DailyFigures] {
        try await pool.read { db in
            let rows = try Row.fetchAll(
                db, sql: """
                    SELECT scope_id, day, name, value FROM daily_figures
                    WHERE level = ? AND (? IS NULL OR scope_id = ?) AND day >= ? AND day < ?
                    ORDER BY scope_id, day, name
                    """,
                arguments: [level.rawValue, scopeID, scopeID, fromDay, toDay])
            var result: [DailyFigures] = []
            for row in rows {
                let scope: String = row[0]
                let day: String = row[1]
                if result.last?.scopeID != scope || result.last?.day != day {
                    result.append(DailyFigures(day: day, level: level, scopeID: scope, values: [:]))
                }
                result[result.count - 1].values[row[2]] = row[3]
            }
            return result
        }
    }
}
