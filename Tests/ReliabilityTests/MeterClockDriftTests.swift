import XCTest
@testable import Reliability

final class MeterClockDriftTests: XCTestCase {
    func testLogTimesAreCorrectedByTheOffsetTheClockHadWhenTheyWereStamped() {
        // The meter gains 300 s per hour (1/12 s per s) and was 0 s off at gateway time 0.
        var clock = MeterClockDrift()
        for t in stride(from: Int64(0), through: 3_600, by: 60) {
            clock.record(MeterClockOffset(meterClock: t + t / 12, gatewayTime: t))
        }
        XCTAssertEqual(clock.rate, 1.0 / 12, accuracy: 1e-3)
        // An outage that really started at t = 2400 s was stamped 2400 + 200 = 2600 on the meter's clock.
        // The latest offset (300 s) alone would put it at 2300 s, 100 s early.
        XCTAssertEqual(clock.gatewayTime(ofMeterTime: 2_600), 2_400)
        XCTAssertEqual(clock.latest!.gatewayTime(ofMeterTime: 2_600), 2_300)
    }

    func testShortBaselineUsesTheLatestOffsetOnly() {
        var clock = MeterClockDrift()
        clock.record(MeterClockOffset(meterClock: 1_100, gatewayTime: 1_000))
        clock.record(MeterClockOffset(meterClock: 1_161, gatewayTime: 1_060))
        XCTAssertEqual(clock.rate, 0, "60 s is too short a baseline to trust a rate")
        XCTAssertEqual(clock.gatewayTime(ofMeterTime: 1_500), 1_399)
    }

    func testAClockThatWasSetStartsANewBaseline() {
        var clock = MeterClockDrift()
        for t in stride(from: Int64(0), through: 1_200, by: 60) { clock.record(MeterClockOffset(meterClock: t + 5, gatewayTime: t)) }
        clock.record(MeterClockOffset(meterClock: 1_260 + 3_600, gatewayTime: 1_260))
        XCTAssertEqual(clock.rate, 0, "one measurement after the jump")
        XCTAssertEqual(clock.gatewayTime(ofMeterTime: 1_300 + 3_600), 1_300)
        XCTAssertNil(MeterClockDrift().gatewayTime(ofMeterTime: 5))
    }
}
