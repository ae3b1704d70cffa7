import DeviceProfiles
import XCTest
@testable import GridWatchApp

/// Values and outage-log records from devices are screened before they reach the outage records.
final class DeviceInputScreenTests: XCTestCase {
    private let now: Int64 = 1_790_000_000

    func testNonFiniteAndAbsurdMeterClocksAreRejectedNotConverted() {
        XCTAssertEqual(DeviceInputScreen.meterClock(.nan, gatewayTime: now).rejected, .clockNotFinite)
        XCTAssertEqual(DeviceInputScreen.meterClock(-.infinity, gatewayTime: now).rejected, .clockNotFinite)
        XCTAssertEqual(DeviceInputScreen.meterClock(1e30, gatewayTime: now).rejected, .clockImplausible)
        XCTAssertEqual(DeviceInputScreen.meterClock(0, gatewayTime: now).rejected, .clockImplausible)
        XCTAssertEqual(DeviceInputScreen.meterClock(Double(now + 420), gatewayTime: now).clock, now + 420)
    }

    func testOutageCountsMustBeSmallWholeNumbersAndACountGoingBackwardsIsFlagged() {
        for absurd in [Double.nan, .infinity, -1, 2.5, 1e12] {
            XCTAssertEqual(DeviceInputScreen.outageCount(absurd, previous: nil).rejected, .countNotPlausible, "\(absurd)")
            XCTAssertNil(DeviceInputScreen.outageCount(absurd, previous: nil).count)
        }
        let reset = DeviceInputScreen.outageCount(1, previous: 7)
        XCTAssertEqual(reset.count, 1, "a cleared log is still read")
        XCTAssertEqual(reset.rejected, .countWentBackwards)
        XCTAssertNil(DeviceInputScreen.outageCount(8, previous: 7).rejected)
    }

    func testLogRecordsEndingBeforeTheyStartInTheFutureBefore2000OrDuplicatedAreDropped() {
        let good = OutageLogEntry(start: now - 600, end: now - 300)
        let open = OutageLogEntry(start: now - 60, end: nil)
        let log = [
            open, good, OutageLogEntry(start: now - 100, end: now - 200), OutageLogEntry(start: now + 10 * 86_400, end: nil),
            OutageLogEntry(start: 5, end: 10), good, OutageLogEntry(start: now - 600, end: .max),
        ]
        let (kept, rejected) = DeviceInputScreen.logRecords(log, latestMeterTime: now)
        XCTAssertEqual(kept, [open, good])
        XCTAssertEqual(rejected, [.endBeforeStart, .inTheFuture, .beforeEpoch, .duplicate, .inTheFuture])
    }
}
