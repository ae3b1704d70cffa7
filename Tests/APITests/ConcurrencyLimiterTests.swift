@testable import API
import XCTest

final class ConcurrencyLimiterTests: XCTestCase {
    func testASecondRequestWaitsUntilTheFirstReleasesItsSlot() async throws {
        let limiter = ConcurrencyLimiter(limit: 1)
        await limiter.acquire()
        let (entered, enteredInput) = AsyncStream.makeStream(of: Int.self)
        let second = Task {
            await limiter.acquire()
            enteredInput.yield(2)
            await limiter.release()
        }
        try await Task.sleep(for: .milliseconds(100))
        enteredInput.yield(1)
        await limiter.release()
        await second.value
        enteredInput.finish()
        var order: [Int] = []
        for await value in entered { order.append(value) }
        XCTAssertEqual(order, [1, 2], "the second ran only after the first released")
    }
}
