import XCTest
import GridWatchCore
@testable import Collector

final class HealthTrackerTests: XCTestCase {
    func testSnapshotCountsFailuresByKindAndComputesRatiosAndPercentiles() {
        var tracker = HealthTracker(deviceID: "M1", policy: SupervisionPolicy())
        let now = ContinuousClock.now
        let wall: Int64 = 1_700_000_000_000
        for i in 1...100 {
            tracker.record(CycleReport(dataReceived: true, latency: .milliseconds(i)), at: now, wallMillis: wall + Int64(i))
        }
        tracker.record(CycleReport(dataReceived: false, failure: .timeout, errorCode: "timeout", latency: .zero), at: now, wallMillis: wall + 200)
        tracker.record(CycleReport(dataReceived: false, failure: .crcError, errorCode: "crc_error", latency: .zero), at: now, wallMillis: wall + 300)
        let health = tracker.snapshot(wallMillis: wall + 400)
        XCTAssertEqual(health.timeouts, 1)
        XCTAssertEqual(health.crcErrors, 1)
        XCTAssertEqual(health.lastErrorCode, "crc_error")
        XCTAssertEqual(health.lastSuccessMillis, wall + 100)
        XCTAssertEqual(health.consecutiveFailures, 2)
        XCTAssertEqual(health.successRatioHour!, 100.0 / 102.0, accuracy: 1e-12)
        XCTAssertEqual(health.latencyP50Millis, 50, "nearest rank of 1...100 ms")
        XCTAssertEqual(health.latencyP99Millis, 99)
        XCTAssertNil(tracker.snapshot(wallMillis: wall + 2 * 3_600_000).successRatioHour, "an hour later the window is empty")
    }
}
