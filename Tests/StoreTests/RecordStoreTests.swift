import GridWatchCore
import XCTest

@testable import Store

/// Events, notices, daily figures, violations, webhooks, the forward outbox, health and gateway gaps.
final class RecordStoreTests: XCTestCase {
    func testAnnotatingAnUnknownEventFails() async throws {
        let store = try Store(StoreConfiguration(path: TemporaryDatabase(self).path))
        do {
            try await store.annotateEvent(id: "nope", EventAnnotation(cause: "x"))
            XCTFail("annotated an unknown event")
        } catch let error as StoreError {
            XCTAssertEqual(error.code, .unknownRecord)
        }
    }

    func testTheRecordsVersionChangesWithEveryRecordWrite_andNotWithReadings() async throws {
        let store = try Store(StoreConfiguration(path: TemporaryDatabase(self).path))
        let initial = try await store.recordsVersion()
        try await store.saveOutages([OutageWrite(record: OutageRecord(meterID: "M1", start: 1, end: 2), area: "A", line: "L")])
        let afterOutage = try await store.recordsVersion()
        let writer = ReadingWriter(store: store)
        await writer.enqueue([Reading(timeMillis: 1, deviceID: "M1", point: "v", value: 1, quality: .good)])
        try await writer.flush()
        let afterReading = try await store.recordsVersion()
        try await store.saveDailyFigures([DailyFigures(day: "2026-01-01", level: .system, scopeID: "system", values: ["customers": 1])])
        let afterFigures = try await store.recordsVersion()
        XCTAssertNotEqual(afterOutage, initial)
        XCTAssertEqual(afterReading, afterOutage)
        XCTAssertNotEqual(afterFigures, afterReading)
    }

    func testPlannedNoticesReimportedReplaceTheirEarlierVersion() async throws {
        let store = try Store(StoreConfiguration(path: TemporaryDatabase(self).path))
        try await store.importPlannedNotices([PlannedNotice(noticeID: "P1", scopeLevel: .area, scopeID: "TA01", start: 100, end: 200)])
        try await store.importPlannedNotices([
            PlannedNotice(noticeID: "P1", scopeLevel: .area, scopeID: "TA01", start: 100, end: 300),
            PlannedNotice(noticeID: "P1", scopeLevel: .line, scopeID: "L7", start: 100, end: 300),
        ])
        let notices = try await store.plannedNotices(from: 250, to: 260)
        XCTAssertEqual(notices.map(\.scopeLevel), [.area, .line])
        XCTAssertEqual(notices.map(\.end), [300, 300])
    }

    func testDailyFiguresAreReplacedPerDayAndScope() async throws {
        let store = try Store(StoreConfiguration(path: TemporaryDatabase(self).path))
        try await store.saveDailyFigures([
            DailyFigures(day: "2026-03-01", level: .area, scopeID: "TA01", values: ["customers": 120, "customer_minutes": 60]),
            DailyFigures(day: "2026-03-02", level: .area, scopeID: "TA01", values: ["customers": 120]),
        ])
        try await store.saveDailyFigures([DailyFigures(day: "2026-03-01", level: .area, scopeID: "TA01", values: ["customers": 121])])
        let figures = try await store.dailyFigures(level: .area, fromDay: "2026-03-01", toDay: "2026-03-02")
        XCTAssertEqual(figures, [DailyFigures(day: "2026-03-01", level: .area, scopeID: "TA01", values: ["customers": 121])])
    }

    func testAViolationOpensOnceClosesKeepsHistory_andQueuesItsWebhooks() async throws {
        let store = try Store(StoreConfiguration(path: TemporaryDatabase(self).path))
        let finding = ViolationFinding(
            ruleID: "frequent-annual", level: "frequent", entity: "meter", entityID: "M1", count: 6,
            windowFrom: 0, windowTo: 100, outageIDs: [])
        let opened = try await store.openOrUpdateViolation(finding, webhookPayload: { _ in #"{"event":"opened"}"# }, at: 10)
        var more = finding
        more.count = 7
        let updated = try await store.openOrUpdateViolation(more, webhookPayload: { _ in "an update queues nothing" }, at: 20)
        XCTAssertTrue(opened.opened)
        XCTAssertEqual(updated.id, opened.id)
        XCTAssertFalse(updated.opened)
        try await store.acknowledgeViolation(id: opened.id, note: "line inspection ordered", at: 25)
        try await store.closeViolation(id: opened.id, webhookPayload: #"{"event":"closed"}"#, at: 30)
        let reopened = try await store.openOrUpdateViolation(finding, at: 40)
        XCTAssertNotEqual(reopened.id, opened.id, "reopening makes a new violation")

        let all = try await store.violations()
        XCTAssertEqual(all.map(\.id), [reopened.id, opened.id])
        XCTAssertEqual(all[1].finding.count, 7)
        XCTAssertEqual(all[1].closedMillis, 30)
        XCTAssertEqual(all[1].remediationNote, "line inspection ordered")
        let open = try await store.violations(openOnly: true)
        XCTAssertEqual(open.map(\.id), [reopened.id])

        let due = try await store.dueWebhooks(at: 30)
        XCTAssertEqual(due.map(\.payload), [#"{"event":"opened"}"#, #"{"event":"closed"}"#])
        try await store.webhookFailed(id: due[0].id, error: "connection refused", retryAt: 1_000)
        try await store.webhookDelivered(id: due[1].id)
        let stillDue = try await store.dueWebhooks(at: 999)
        XCTAssertEqual(stillDue, [])
        let retried = try await store.dueWebhooks(at: 1_000)
        XCTAssertEqual(retried.map(\.attempts), [1])
    }

    func testTheForwardOutboxIsWrittenWithTheRecord_trimmedWithoutOutages_andConfirmedInOrder() async throws {
        let store = try Store(StoreConfiguration(path: TemporaryDatabase(self).path, forwarding: true))
        try await store.registerDevices([DeviceRecord(id: "M1")])
        try await store.saveHealth([
            DeviceHealth(deviceID: "M1", status: .online, timeMillis: 1),
            DeviceHealth(deviceID: "M1", status: .offline, timeMillis: 2),
        ])
        try await store.saveOutages([OutageWrite(record: OutageRecord(meterID: "M1", start: 5, end: 9), area: "A", line: "L")])
        let dropped = try await store.trimForwardOutbox(maxItems: 2)
        XCTAssertEqual(dropped, 1)
        let items = try await store.pendingForwards(limit: 10)
        XCTAssertEqual(items.map(\.kind), [.deviceHealth, .outage])
        XCTAssertEqual(items.first?.localID, "M1@2")
        try await store.confirmForwarded(through: items[0].sequence)
        let rest = try await store.pendingForwards(limit: 10)
        XCTAssertEqual(rest.map(\.kind), [.outage])
    }

    func testHealthBecomesTheDevicesCurrentStatus_withHistory() async throws {
        let store = try Store(StoreConfiguration(path: TemporaryDatabase(self).path))
        try await store.registerDevices([DeviceRecord(id: "M1", bus: "b", unit: 1), DeviceRecord(id: "M2", bus: "b", unit: 2)])
        let degraded = DeviceHealth(
            deviceID: "M1", status: .degraded, timeMillis: 2_000, lastSuccessMillis: 1_900, lastErrorMillis: 2_000,
            lastError: "timeout after 500 ms", lastErrorCode: "timeout", consecutiveFailures: 1, successRatioHour: 0.5,
            latencyP50Millis: 12, latencyP99Millis: 480, timeouts: 1)
        try await store.saveHealth([DeviceHealth(deviceID: "M1", status: .online, timeMillis: 1_000), degraded])
        let devices = try await store.devices()
        XCTAssertEqual(devices.map(\.status), [.degraded, .neverSeen])
        XCTAssertEqual(devices[0].health, degraded)
        let history = try await store.healthHistory(deviceID: "M1", fromMillis: 0, toMillis: 3_000)
        XCTAssertEqual(history.map(\.status), [.online, .degraded])
        let errors = try await store.recentErrors(deviceID: "M1")
        XCTAssertEqual(errors, [DeviceError(timeMillis: 2_000, code: "timeout", message: "timeout after 500 ms")])
    }

    func testARestartRecordsTheGatewayDowntimeGap_killedOrStopped() async throws {
        let store = try Store(StoreConfiguration(path: TemporaryDatabase(self).path))
        let first = try await store.beginRun(at: 1_000)
        XCTAssertNil(first.gap)
        let writer = ReadingWriter(store: store, runID: first.runID)
        await writer.enqueue([Reading(timeMillis: 1, deviceID: "M1", point: "v", value: 1, quality: .good)])
        try await writer.flush()
        // Killed: no endRun. The gap starts at the last batch the run committed.
        let second = try await store.beginRun(at: Store.nowMillis() + 60_000)
        XCTAssertEqual(second.gap?.reason, .killed)
        XCTAssertGreaterThan(second.gap?.startMillis ?? 0, 1_000)
        try await store.endRun(second.runID, at: Store.nowMillis() + 70_000)
        let third = try await store.beginRun(at: Store.nowMillis() + 90_000)
        XCTAssertEqual(third.gap?.reason, .stopped)
        let gaps = try await store.gatewayGaps(fromMillis: 0, toMillis: .max)
        XCTAssertEqual(gaps.map(\.reason), [.killed, .stopped])
    }
}
