import XCTest
@testable import Collector

final class PollDeadlineTests: XCTestCase {
    private let anchor = ContinuousClock.now

    func testDeadlinesDoNotDriftWithPollDuration() {
        var deadline = PollDeadline(interval: .seconds(15), firstDue: anchor)
        // Each poll takes a different time; the next deadline stays on the 15 s grid.
        XCTAssertEqual(deadline.advance(completedAt: anchor + .milliseconds(40)), 0)
        XCTAssertEqual(deadline.due, anchor + .seconds(15))
        XCTAssertEqual(deadline.advance(completedAt: anchor + .milliseconds(15_900)), 0)
        XCTAssertEqual(deadline.due, anchor + .seconds(30))
    }

    func testOverrunReportsEveryMissedDeadline() {
        var deadline = PollDeadline(interval: .seconds(5), firstDue: anchor)
        // A poll due at 0 s ends at 12 s: the deadlines at 5 s and 10 s passed; the next is 15 s.
        XCTAssertEqual(deadline.advance(completedAt: anchor + .seconds(12)), 2)
        XCTAssertEqual(deadline.due, anchor + .seconds(15))
        // Ending exactly on a deadline misses it.
        XCTAssertEqual(deadline.advance(completedAt: anchor + .seconds(20)), 1)
        XCTAssertEqual(deadline.due, anchor + .seconds(25))
        XCTAssertEqual(deadline.missedDeadlines, 3)
    }
}
