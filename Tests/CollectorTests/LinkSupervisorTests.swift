import XCTest
import GridWatchCore
@testable import Collector

final class LinkSupervisorTests: XCTestCase {
    private let start = ContinuousClock.now
    private let ok = CycleReport(dataReceived: true, latency: .milliseconds(5))
    private let timeout = CycleReport(dataReceived: false, failure: .timeout, errorCode: "timeout", latency: .milliseconds(500))
    private let policy = SupervisionPolicy(
        offlineAfter: .seconds(10), offlineAfterFailedCycles: 3,
        backoff: Backoff(initial: .milliseconds(500), maximum: .seconds(60)), recentCycles: 4
    )

    func testDeviceStaysDegradedUntilBothThresholdsAreExceeded() {
        var supervisor = LinkSupervisor(policy: policy)
        supervisor.record(ok, at: start)
        XCTAssertEqual(supervisor.status, .online)
        // Many failures in a short time: the cycle threshold is met, the time threshold is not.
        for i in 1...5 { supervisor.record(timeout, at: start + .seconds(i)) }
        XCTAssertEqual(supervisor.status, .degraded)
        XCTAssertFalse(supervisor.isBackingOff)
        // The streak began at 1 s; at 11 s both thresholds hold.
        supervisor.record(timeout, at: start + .seconds(11))
        XCTAssertEqual(supervisor.status, .offline)
        XCTAssertEqual(supervisor.offlineTransitions, 1)
    }

    func testFewFailedCyclesOverALongTimeAreNotOffline() {
        var supervisor = LinkSupervisor(policy: policy)
        supervisor.record(ok, at: start)
        supervisor.record(timeout, at: start + .seconds(1))
        supervisor.record(timeout, at: start + .seconds(60))
        XCTAssertEqual(supervisor.status, .degraded, "2 failed cycles < 3, however long")
    }

    func testOfflineDeviceIsProbedWithDoublingBackoff() {
        var supervisor = LinkSupervisor(policy: policy)
        supervisor.record(ok, at: start)
        let regular = start + .seconds(100)
        var probeTimes: [Duration] = []
        var now = start + .seconds(20)
        for _ in 0..<4 {
            supervisor.record(timeout, at: now)
            if supervisor.isBackingOff {
                let next = supervisor.nextPoll(regularDue: start)
                probeTimes.append(next - now)
                now = next
            } else {
                now += .seconds(20)
            }
        }
        // Failures 1 and 2 (at 20 s, 40 s) are below the cycle threshold; 3 and 4 back off 0.5 s, then 1 s.
        XCTAssertEqual(probeTimes, [.milliseconds(500), .seconds(1)])
        XCTAssertEqual(supervisor.nextPoll(regularDue: regular), regular, "a later regular deadline wins")
    }

    func testRecoveryResetsBackoffAndStaysDegradedWhileRecentCyclesFailed() {
        var supervisor = LinkSupervisor(policy: policy)
        supervisor.record(ok, at: start)
        for i in 1...4 { supervisor.record(timeout, at: start + .seconds(10 * i)) }
        XCTAssertEqual(supervisor.status, .offline)
        supervisor.record(ok, at: start + .seconds(50))
        XCTAssertFalse(supervisor.isBackingOff)
        XCTAssertEqual(supervisor.consecutiveFailures, 0)
        XCTAssertEqual(supervisor.status, .degraded, "3 of the last 4 cycles failed")
        for i in 1...3 { supervisor.record(ok, at: start + .seconds(50 + i)) }
        XCTAssertEqual(supervisor.status, .online, "the failures have left the 4-cycle window")
    }

    func testDeviceThatNeverAnsweredIsNeverSeenButStillBacksOff() {
        var supervisor = LinkSupervisor(policy: policy)
        for i in 0..<4 { supervisor.record(timeout, at: start + .seconds(10 * i)) }
        XCTAssertEqual(supervisor.status, .neverSeen)
        XCTAssertTrue(supervisor.isBackingOff)
        XCTAssertEqual(supervisor.offlineTransitions, 0)
    }

    func testUnsupportedPointsMakeAnAnsweringDeviceDegraded() {
        var supervisor = LinkSupervisor(policy: policy)
        supervisor.record(CycleReport(dataReceived: true, unsupportedPoints: 1, latency: .milliseconds(3)), at: start)
        XCTAssertEqual(supervisor.status, .degraded)
    }

    func testBackoffDoublesUpToItsCap() {
        let backoff = Backoff(initial: .milliseconds(500), maximum: .seconds(60))
        XCTAssertEqual((0..<9).map(backoff.delay(afterAttempt:)), [
            .milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8),
            .seconds(16), .seconds(32), .seconds(60), .seconds(60),
        ])
    }
}
