import GRDB

extension Store {
    /// Opens a violation, or updates the open one of the same rule and entity (level, count and window;
    /// the causing outages are added to those it kept). A webhook payload given is queued in the same
    /// transaction; it is made from the violation's id, and only when the violation opens.
    /// - Returns: the violation's id and whether it was newly opened.
    @discardableResult
    public func openOrUpdateViolation(
        _ finding: ViolationFinding, webhookPayload: (@Sendable (_ id: Int64) throws -> String)? = nil,
        at now: Int64 = Store.nowMillis()
    ) async throws -> (id: Int64, opened: Bool) {
        let forwarding = configuration.forwarding
        return try await writeRecords { db in
            let existing = try Int64.fetchOne(
                db, sql: "SELECT id FROM violations WHERE rule_id = ? AND entity = ? AND entity_id = ? AND closed_ms IS NULL",
                arguments: [finding.ruleID, finding.entity, finding.entityID])
            let id: Int64
            if let existing {
                id = existing
                try db.execute(
                    sql: "UPDATE violations SET level = ?, count = ?, window_from_s = ?, window_to_s = ?, updated_ms = ? WHERE id = ?",
                    arguments: [finding.level, finding.count, finding.windowFrom, finding.windowTo, now, id])
            } else {
                try db.execute(
                    sql: """
                        INSERT INTO violations(rule_id, level, entity, entity_id, count, window_from_s, window_to_s, opened_ms, updated_ms)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [finding.ruleID, finding.level, finding.entity, finding.entityID, finding.count,
                                finding.windowFrom, finding.windowTo, now, now])
                id = db.lastInsertedRowID
                if let webhookPayload { try Self.queueWebhook(try webhookPayload(id), now: now, db: db) }
            }
            for outageID in finding.outageIDs {
                try db.execute(
                    sql: "INSERT OR IGNORE INTO violation_outages(violation_id, outage_id) VALUES (?, ?)", arguments: [id, outageID])
            }
            if forwarding { try Self.queueForward(.violation, id: String(id), db: db) }
            return (id, existing == nil)
        }
    }

    /// Closes an open violation (its history stays); a webhook payload given is queued with it.
    public func closeViolation(id: Int64, webhookPayload: String? = nil, at now: Int64 = Store.nowMillis()) async throws {
        let forwarding = configuration.forwarding
        try await writeRecords { db in
            try db.execute(
                sql: "UPDATE violations SET closed_ms = ?, updated_ms = ? WHERE id = ? AND closed_ms IS NULL", arguments: [now, now, id])
            guard db.changesCount == 1 else { throw StoreError(.unknownRecord, "no open violation with id \(id)") }
            if let webhookPayload { try Self.queueWebhook(webhookPayload, now: now, db: db) }
            if forwarding { try Self.queueForward(.violation, id: String(id), db: db) }
        }
    }

    /// Acknowledges a violation, with an optional remediation note and who acknowledged it.
    public func acknowledgeViolation(id: Int64, note: String? = nil, by: String? = nil, at now: Int64 = Store.nowMillis()) async throws {
        let forwarding = configuration.forwarding
        try await writeRecords { db in
            try db.execute(
                sql: """
                    UPDATE violations SET acknowledged_ms = ?, acknowledged_by = coalesce(?, acknowledged_by),
                        remediation_note = coalesce(?, remediation_note), updated_ms = ?
                    WHERE id = ?
                    """,
                arguments: [now, by, note, now, id])
            guard db.changesCount == 1 else { throw StoreError(.unknownRecord, "no violation with id \(id)") }
            if forwarding { try Self.queueForward(.violation, id: String(id), db: db) }
        }
    }

    /// Violations, newest first; `openOnly` leaves closed ones out.
    public func violations(openOnly: Bool = false, ruleID: String? = nil, entity: String? = nil) async throws -> [ViolationRecord] {
        try await pool.read { db in
            let rows = try Row.fetchAll(
                db, sql: """
                    SELECT id, rule_id, level, entity, entity_id, count, window_from_s, window_to_s, opened_ms, closed_ms,
                        acknowledged_ms, remediation_note, acknowledged_by,
                        (SELECT group_concat(outage_id) FROM (SELECT outage_id FROM violation_outages WHERE violation_id = v.id ORDER BY outage_id))
                    FROM violations v
                    WHERE (? = 0 OR closed_ms IS NULL) AND (? IS NULL OR rule_id = ?) AND (? IS NULL OR entity = ?)
                    ORDER BY opened_ms DESC, id DESC
                    """,
                arguments: [openOnly, ruleID, ruleID, entity, entity])
            return rows.map { row in
                let outages: String? = row[13]
                let finding = ViolationFinding(
                    ruleID: row[1], level: row[2], entity: row[3], entityID: row[4], count: row[5],
                    windowFrom: row[6], windowTo: row[7],
                    outageIDs: (outages ?? "").split(separator: ",").compactMap { Int64($0) })
                return ViolationRecord(
                    id: row[0], finding: finding, openedMillis: row[8], closedMillis: row[9],
                    acknowledgedMillis: row[10], acknowledgedBy: row[12], remediationNote: row[11])
            }
        }
    }

    /// Webhook calls due at `now`, oldest first.
    public func dueWebhooks(at now: Int64 = Store.nowMillis(), limit: Int = 100) async throws -> [WebhookDelivery] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, payload, attempts, created_ms FROM webhook_outbox WHERE next_attempt_ms <= ? ORDER BY id LIMIT ?",
                arguments: [now, limit]
            ).map { WebhookDelivery(id: $0[0], payload: $0[1], attempts: $0[2], createdMillis: $0[3]) }
        }
    }

    /// Removes a delivered webhook call from the outbox.
    public func webhookDelivered(id: Int64) async throws {
        try await pool.write { db in try db.execute(sql: "DELETE FROM webhook_outbox WHERE id = ?", arguments: [id]) }
    }

    /// Records a failed attempt; the call is due again at `retryAt` (the caller's back-off).
    public func webhookFailed(id: Int64, error: String, retryAt: Int64) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE webhook_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_ms = ? WHERE id = ?",
                arguments: [error, retryAt, id])
        }
    }

    private static func queueWebhook(_ payload: String, now: Int64, db: Database) throws {
        try db.execute(
            sql: "INSERT INTO webhook_outbox(created_ms, payload, next_attempt_ms) VALUES (?, ?, ?)", arguments: [now, payload, now])
    }
}
