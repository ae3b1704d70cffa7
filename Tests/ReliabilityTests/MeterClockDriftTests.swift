import XCTest
@testable import Reliability

private func XCTAssertEqual(_ a: Int64?, _ b: Int64, accuracy: Int64, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertLessThanOrEqual(abs((a ?? .max) - b), accuracy, "\(String(describing: a)) is not \(b) ± \(accuracy)", file: file, line: line)
}

final class MeterClockDriftTests: XCTestCase {
    func testLogTimesAreCorrectedByTheOffsetTheClockHadWhenTheyWereStamped() {
        // The meter gains 300 s per hour (1/12 s per s) and was 0 s off at gateway time 0.
        var clock = MeterClockDrift()
        clock.minimumBaselineSeconds = 600
        for t in stride(from: Int64(0), through: 3_600, by: 60) {
            clock.record(MeterClockOffset(meterClock: t + t / 12, gatewayTime: t))
        }
        XCTAssertEqual(clock.rate, 1.0 / 12, accuracy: 1e-3)
        // An outage that really started at t = 2400 s was stamped 2400 + 200 = 2600 on the meter's clock.
        // The latest offset (300 s) alone would put it at 2300 s, 100 s early.
        XCTAssertEqual(clock.gatewayTime(ofMeterTime: 2_600)!, 2_400, accuracy: 1)
        XCTAssertEqual(clock.latest!.gatewayTime(ofMeterTime: 2_600), 2_300)
    }

    func testSteadyDriftIsNotMistakenForASetClockBeforeTheBaselineIsLong() {
        // 300 s an hour: 150 s of drift within the 30 min minimum baseline, more than the 30 s reset.
        var clock = MeterClockDrift()
        for t in stride(from: Int64(0), through: 2_400, by: 120) { clock.record(MeterClockOffset(meterClock: t + t / 12, gatewayTime: t)) }
        XCTAssertEqual(clock.rate, 1.0 / 12, accuracy: 1e-3, "one baseline since the first reading")
        XCTAssertEqual(clock.gatewayTime(ofMeterTime: 2_400 + 200)!, 2_400, accuracy: 1)
    }

    func testNoiseThatLooksLikeASlopeDoesNotStretchDurations() {
        // A steady clock read with up to 6 s of reply delay (an accelerated simulation under load):
        // any fitted slope is noise, and a logged 1087 s outage must stay 1087 s long.
        var clock = MeterClockDrift()
        for t in stride(from: Int64(0), through: 3_600, by: 60) {
            let delay = (t / 60) * 5 % 7  // 0 to 6 s, scattered
            clock.record(MeterClockOffset(meterClock: t - delay, gatewayTime: t))
        }
        XCTAssertEqual(clock.rate, 0)
        XCTAssertEqual(clock.gatewayTime(ofMeterTime: 3_087)! - clock.gatewayTime(ofMeterTime: 2_000)!, 1_087)
    }

    func testShortBaselineUsesTheMeanOffset() {
        var clock = MeterClockDrift()
        clock.record(MeterClockOffset(meterClock: 1_100, gatewayTime: 1_000))
        clock.record(MeterClockOffset(meterClock: 1_161, gatewayTime: 1_060))
        XCTAssertEqual(clock.rate, 0, "60 s is too short a baseline to trust a rate")
        XCTAssertEqual(clock.gatewayTime(ofMeterTime: 1_500), 1_400, "offsets 100 and 101 average to 100.5, rounded")
    }

    func testNoisyReadingsOfAStableClockAverageOut() {
        // Whole-second clocks read with up to 1 s of delay: offsets 9 or 10 s, never a drift.
        var clock = MeterClockDrift()
        for t in stride(from: Int64(0), through: 7_200, by: 60) {
            clock.record(MeterClockOffset(meterClock: t + 10 - (t / 60) % 2, gatewayTime: t))
        }
        XCTAssertEqual(clock.rate, 0, accuracy: 1e-4)
        XCTAssertEqual(clock.gatewayTime(ofMeterTime: 1_010), 1_000, accuracy: 1)
    }

    func testAClockThatWasSetStartsANewBaseline() {
        var clock = MeterClockDrift()
        for t in stride(from: Int64(0), through: 1_200, by: 60) { clock.record(MeterClockOffset(meterClock: t + 5, gatewayTime: t)) }
        clock.record(MeterClockOffset(meterClock: 1_260 + 3_600, gatewayTime: 1_260))
        XCTAssertEqual(clock.rate, 0, "one measurement after the jump")
        XCTAssertEqual(clock.gatewayTime(ofMeterTime: 1_300 + 3_600), 1_300, "the old baseline is forgotten")
        XCTAssertNil(MeterClockDrift().gatewayTime(ofMeterTime: 5))
    }

    func testAStoppedClockIsCorrectedByItsOffsetAloneInsteadOfCrashing() {
        // A frozen clock fits a rate of exactly -1: solving for gateway time would divide by zero.
        var clock = MeterClockDrift()
        clock.minimumBaselineSeconds = 600
        for t in stride(from: Int64(0), through: 3_600, by: 10) { clock.record(MeterClockOffset(meterClock: 1_000_000, gatewayTime: t)) }
        XCTAssertEqual(clock.rate, -1, accuracy: 1e-9)
        XCTAssertEqual(clock.gatewayTime(ofMeterTime: 1_000_000), 3_600, accuracy: 1800)
    }
}
