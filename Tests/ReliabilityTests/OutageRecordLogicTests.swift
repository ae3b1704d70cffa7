import XCTest
import GridWatchCore
@testable import Reliability

final class MeterLogPairingTests: XCTestCase {
    func testPowerOffPairsWithTheNextPowerOnAndATrailingPowerOffStaysOpen() {
        let (outages, findings) = MeterLogPairing.pair([
            PowerEvent(.powerOn, at: 500), PowerEvent(.powerOff, at: 100), PowerEvent(.powerOff, at: 700),
        ])
        XCTAssertEqual(outages, [LoggedOutage(start: 100, end: 500, clock: .meterUncorrected),
                                 LoggedOutage(start: 700, end: nil, clock: .meterUncorrected)])
        XCTAssertEqual(findings, [])
    }

    func testRepeatedPowerOffKeepsTheEarliestAndAnUnpairedPowerOnIsAFinding() {
        let (outages, findings) = MeterLogPairing.pair([
            PowerEvent(.powerOn, at: 50), PowerEvent(.powerOff, at: 100), PowerEvent(.powerOff, at: 130), PowerEvent(.powerOn, at: 400),
        ])
        XCTAssertEqual(outages, [LoggedOutage(start: 100, end: 400, clock: .meterUncorrected)])
        XCTAssertEqual(findings, [.powerOnWithoutPowerOff(at: 50), .repeatedPowerOff(at: 130, keptStart: 100)])
    }

    func testMeterTimesAreCorrectedByTheMeasuredOffsetAndSayWhichClock() {
        // The meter's clock runs 90 s ahead: it said 10:01:30 when the gateway's clock said 10:00:00.
        let offset = MeterClockOffset(meterClock: 36_090, gatewayTime: 36_000)
        let events = [PowerEvent(.powerOff, at: 1_090), PowerEvent(.powerOn, at: 1_690)].map { $0.corrected(by: offset) }
        XCTAssertEqual(MeterLogPairing.pair(events).outages, [LoggedOutage(start: 1_000, end: 1_600, clock: .meterCorrected)])
        XCTAssertEqual(PowerEvent(.powerOff, at: 5).corrected(by: nil).clock, .meterUncorrected)
        XCTAssertEqual(PowerEvent(.powerOff, at: 5, clock: .gateway).corrected(by: offset).time, 5, "gateway times are not shifted")
    }
}

final class OutageMergingTests: XCTestCase {
    func testMeterLogConfirmsAndCorrectsAProvisionalRecordWithoutCountingTwice() {
        let merged = OutageMerging.merge([
            OutageRecord(meterID: "M1", start: 1_000, end: nil, eventID: "A@1000", source: .terminalUnit, confidence: 0.8),
            OutageRecord(meterID: "M1", start: 1_012, end: 1_900, source: .meterLog),
        ])
        XCTAssertEqual(merged, [OutageRecord(meterID: "M1", start: 1_012, end: 1_900, eventID: "A@1000", source: .meterLog)])
    }

    func testProvisionalRecordsMergeIntoTheBestSourceWithTheHighestConfidence() {
        let merged = OutageMerging.merge([
            OutageRecord(meterID: "M1", start: 1_030, end: nil, source: .inferred, confidence: 0.9),
            OutageRecord(meterID: "M1", start: 1_000, end: 2_000, source: .terminalUnit, confidence: 0.7),
        ])
        XCTAssertEqual(merged, [OutageRecord(meterID: "M1", start: 1_000, end: 2_000, source: .terminalUnit, confidence: 0.9)])
    }

    func testRereadLogRecordsWithTheSameStartAreOneAndSeparateOutagesStaySeparate() {
        let merged = OutageMerging.merge([
            OutageRecord(meterID: "M1", start: 1_000, end: nil, source: .meterLog),
            OutageRecord(meterID: "M1", start: 1_000, end: 1_500, source: .meterLog),
            OutageRecord(meterID: "M1", start: 1_500 + 121, end: 1_700, source: .inferred),
            OutageRecord(meterID: "M1", start: 9_000, end: 9_100, source: .meterLog),
        ])
        XCTAssertEqual(merged.map(\.start), [1_000, 1_621, 9_000], "121 s after the end is beyond the 120 s tolerance")
        XCTAssertEqual(merged[0].end, 1_500)
    }
}

final class PlannedNoticeAndSilenceTests: XCTestCase {
    private let topology = Topology(placements: [
        MeterPlacement(meterID: "M1", area: "A1", line: "L1"), MeterPlacement(meterID: "M2", area: "A2", line: "L2"),
    ])

    func testOutagesInsideAnAnnouncedWindowOfTheirAreaOrLineBecomePlanned() throws {
        let notices = [PlannedNotice(scope: .area("A1"), start: 1_000, end: 5_000, workOrder: "WO-1"),
                       PlannedNotice(scope: .line("L2"), start: 1_000, end: 5_000)]
        var table = try OutageTable(records: [
            OutageRecord(meterID: "M1", start: 1_000, end: 2_000),                                  // window start: planned
            OutageRecord(meterID: "M1", start: 5_000, end: 6_000),                                  // window end excluded
            OutageRecord(meterID: "M2", start: 4_999, end: 6_000),                                  // line notice
            OutageRecord(meterID: "M1", start: 2_000, end: 3_000, outageClass: .faultExternal),     // annotated: kept
            OutageRecord(meterID: "M1", start: 3_000, end: 3_500, workOrder: "WO-own"),             // keeps its work order
        ], topology: topology)
        PlannedNoticeMatching.apply(notices, to: &table, topology: topology)
        XCTAssertEqual((0..<table.count).map { table.outageClass[$0] }, [.planned, .faultInternal, .planned, .faultExternal, .planned])
        XCTAssertEqual((0..<table.count).map { table.workOrders[$0] }, ["WO-1", nil, nil, nil, "WO-own"])
    }

    func testALoneSilentMeterWhileTheTerminalUnitShowsVoltageIsACommunicationFault() {
        XCTAssertEqual(SilenceClassifier.classify(silentMeters: 1, areaMeters: 40, linkKnownGood: true, terminalUnit: .normal),
                       .communicationFault)
        XCTAssertEqual(SilenceClassifier.classify(silentMeters: 5, areaMeters: 40, linkKnownGood: true, terminalUnit: .normal),
                       .undetermined)
        XCTAssertEqual(SilenceClassifier.classify(silentMeters: 1, areaMeters: 40, linkKnownGood: true, terminalUnit: .lost),
                       .outage(source: .terminalUnit))
        XCTAssertEqual(SilenceClassifier.classify(silentMeters: 40, areaMeters: 40, linkKnownGood: true, terminalUnit: .unknown),
                       .outage(source: .inferred))
        XCTAssertEqual(SilenceClassifier.classify(silentMeters: 40, areaMeters: 40, linkKnownGood: false, terminalUnit: .unknown),
                       .undetermined)
        XCTAssertEqual(SilenceClassifier.classify(silentMeters: 1, areaMeters: 40, linkKnownGood: true, terminalUnit: .unknown),
                       .undetermined)
    }

    func testTerminalUnitLossOfVoltageNeedsEveryPhaseBelowHalfNominal() {
        XCTAssertEqual(TerminalUnitVoltage(phaseVoltages: [0, 12, 109.9], nominal: 220), .lost)
        XCTAssertEqual(TerminalUnitVoltage(phaseVoltages: [0, 0, 110], nominal: 220), .normal, "110 V is exactly 50 %")
        XCTAssertEqual(TerminalUnitVoltage(phaseVoltages: [], nominal: 220), .unknown)
    }
}
