import DeviceProfiles
import Simulation
import XCTest

final class SubstationTimelineTests: XCTestCase {
    private let epoch = ScenarioFixture.epoch

    func testAreaOutageLogsExactlyOneRecordPerMeterWithStepRestoration() throws {
        let timeline = try ScenarioFixture.timeline()
        let areaOutages = timeline.scriptedOutages().filter { $0.eventID == "AREA" }
        XCTAssertEqual(areaOutages.map(\.meterID).sorted(), (1...6).map { "TA01-M00\($0)" })
        let supplyReturns = epoch + 30 * 60
        for outage in areaOutages {
            XCTAssertEqual(outage.start, epoch + 10 * 60)
            XCTAssertTrue((supplyReturns...(supplyReturns + 90)).contains(outage.end), "\(outage.meterID) restores at \(outage.end)")
        }
        XCTAssertGreaterThan(Set(areaOutages.map(\.end)).count, 1, "meters restore in steps, not all at once")

        let during = ScenarioFixture.at(minutes: 20)
        let after = ScenarioFixture.at(minutes: 35)
        for outage in areaOutages where outage.meterID != "TA01-M005" {
            let silent = try XCTUnwrap(timeline.state(ofMeter: outage.meterID, atSimTime: during))
            XCTAssertFalse(silent.powered)
            XCTAssertFalse(silent.answering)
            XCTAssertEqual(silent.outageCount, 0, "a meter logs the outage only when power returns")
            let restored = try XCTUnwrap(timeline.state(ofMeter: outage.meterID, atSimTime: after))
            XCTAssertTrue(restored.answering)
            XCTAssertEqual(restored.outageCount, 1)
            XCTAssertEqual(restored.outageLog, [OutageLogEntry(start: outage.start, end: outage.end)])
        }
    }

    func testMeterRestoresAtItsOwnStepAndNotBefore() throws {
        let timeline = try ScenarioFixture.timeline()
        let outage = try XCTUnwrap(timeline.scriptedOutages().filter { $0.eventID == "AREA" }.max { $0.end < $1.end })
        XCTAssertGreaterThan(outage.end, epoch + 30 * 60, "the seed gives at least one late step")
        XCTAssertFalse(try XCTUnwrap(timeline.state(ofMeter: outage.meterID, atSimTime: Double(outage.end) - 0.5)).powered)
        XCTAssertTrue(try XCTUnwrap(timeline.state(ofMeter: outage.meterID, atSimTime: Double(outage.end))).powered)
    }

    func testTerminalUnitAnswersWithZeroVoltageAndAnOpenLogRecordDuringAreaOutage() throws {
        let timeline = try ScenarioFixture.timeline()
        let before = try XCTUnwrap(timeline.state(ofTerminalUnit: "TA01", atSimTime: ScenarioFixture.at(minutes: 5)))
        XCTAssertTrue(before.supplied)
        XCTAssertEqual(before.voltages.count, 3)
        XCTAssertTrue(before.voltages.allSatisfy { (215...225).contains($0) }, "\(before.voltages)")
        XCTAssertEqual(before.outageCount, 0)

        let during = try XCTUnwrap(timeline.state(ofTerminalUnit: "TA01", atSimTime: ScenarioFixture.at(minutes: 20)))
        XCTAssertFalse(during.supplied)
        XCTAssertEqual(during.voltages, [0, 0, 0])
        XCTAssertEqual(during.currents, [0, 0, 0])
        XCTAssertEqual(during.outageCount, 1)
        XCTAssertEqual(during.outageLog, [OutageLogEntry(start: epoch + 600, end: nil)])

        let after = try XCTUnwrap(timeline.state(ofTerminalUnit: "TA01", atSimTime: ScenarioFixture.at(minutes: 40)))
        XCTAssertTrue(after.supplied)
        XCTAssertEqual(after.outageLog, [OutageLogEntry(start: epoch + 600, end: epoch + 1_800)])
        XCTAssertEqual(try XCTUnwrap(timeline.state(ofTerminalUnit: "TA02", atSimTime: ScenarioFixture.at(minutes: 20))).outageCount, 0,
                       "a single meter's outage is not the transformer's")
    }

    func testCommunicationFailureSilencesThePoweredMeterAndLogsNothing() throws {
        let timeline = try ScenarioFixture.timeline()
        let during = try XCTUnwrap(timeline.state(ofMeter: "TA02-M004", atSimTime: ScenarioFixture.at(minutes: 20)))
        XCTAssertTrue(during.powered)
        XCTAssertFalse(during.answering)
        let after = try XCTUnwrap(timeline.state(ofMeter: "TA02-M004", atSimTime: ScenarioFixture.at(minutes: 119)))
        XCTAssertTrue(after.answering)
        XCTAssertEqual(after.outageCount, 0)
        XCTAssertEqual(after.outageLog, [])
        XCTAssertFalse(timeline.scriptedOutages().contains { $0.meterID == "TA02-M004" })
        let energyDuring = try XCTUnwrap(timeline.state(ofMeter: "TA02-M004", atSimTime: ScenarioFixture.at(minutes: 30))).energyImport
        XCTAssertGreaterThan(energyDuring, during.energyImport, "a meter that only lost its link keeps counting energy")
    }

    func testDriftingClockShiftsItsLogTimesByItsDrift() throws {
        let timeline = try ScenarioFixture.timeline()
        let outage = try XCTUnwrap(timeline.scriptedOutages().first { $0.meterID == "TA01-M005" })
        let state = try XCTUnwrap(timeline.state(ofMeter: "TA01-M005", atSimTime: ScenarioFixture.at(minutes: 60)))
        // 120 s per hour from the epoch: +20 s at 10 min, and +(end - epoch)/30 s at the end.
        let endShift = (outage.end - epoch) / 30
        XCTAssertEqual(state.outageLog, [OutageLogEntry(start: outage.start + 20, end: outage.end + endShift)])
        XCTAssertEqual(state.meterClock, epoch + 3_600 + 120)
        let steady = try XCTUnwrap(timeline.state(ofMeter: "TA01-M004", atSimTime: ScenarioFixture.at(minutes: 60)))
        XCTAssertEqual(steady.meterClock, epoch + 3_600)
    }

    func testMomentaryAndSingleMeterOutagesAreScriptedWithTheirExactSpans() throws {
        let outages = try ScenarioFixture.timeline().scriptedOutages().filter { $0.area == "TA02" }
        XCTAssertEqual(outages, [
            ScriptedOutage(meterID: "TA02-M002", area: "TA02", line: "L1", start: epoch + 300, end: epoch + 900, eventID: "ONE"),
            ScriptedOutage(meterID: "TA02-M003", area: "TA02", line: "L1", start: epoch + 2_400, end: epoch + 2_490, eventID: "BLIP"),
        ])
    }

    func testLowVoltageDepressesTheAreaWithoutAnOutage() throws {
        let timeline = try ScenarioFixture.timeline()
        for minutes in [61.0, 65, 69.9] {
            let meter = try XCTUnwrap(timeline.state(ofMeter: "TA02-M001", atSimTime: ScenarioFixture.at(minutes: minutes)))
            XCTAssertTrue(meter.answering)
            XCTAssertTrue((186...190).contains(meter.voltage), "\(meter.voltage) V at \(minutes) min")
            let unit = try XCTUnwrap(timeline.state(ofTerminalUnit: "TA02", atSimTime: ScenarioFixture.at(minutes: minutes)))
            XCTAssertTrue(unit.voltages.allSatisfy { (188...192).contains($0) }, "\(unit.voltages)")
        }
        let normal = try XCTUnwrap(timeline.state(ofMeter: "TA02-M001", atSimTime: ScenarioFixture.at(minutes: 71)))
        XCTAssertGreaterThan(normal.voltage, 218)
    }

    func testEnergyStopsWhileUnpoweredAndGrowsOtherwise() throws {
        let timeline = try ScenarioFixture.timeline()
        let energy = { (minutes: Double) in try XCTUnwrap(timeline.state(ofMeter: "TA01-M001", atSimTime: ScenarioFixture.at(minutes: minutes))).energyImport }
        XCTAssertEqual(try energy(12), try energy(28), accuracy: 1e-9)
        XCTAssertGreaterThan(try energy(10), try energy(0))
        XCTAssertGreaterThan(try energy(40), try energy(32))
    }

    func testSameSeedReplaysExactlyAndAnotherSeedDiffers() throws {
        let first = try ScenarioFixture.timeline(), second = try ScenarioFixture.timeline()
        XCTAssertEqual(first.scriptedOutages(), second.scriptedOutages())
        for minutes in [3.0, 20, 33, 65] {
            XCTAssertEqual(first.state(ofMeter: "TA01-M003", atSimTime: ScenarioFixture.at(minutes: minutes)),
                           second.state(ofMeter: "TA01-M003", atSimTime: ScenarioFixture.at(minutes: minutes)))
            XCTAssertEqual(first.state(ofTerminalUnit: "TA01", atSimTime: ScenarioFixture.at(minutes: minutes)),
                           second.state(ofTerminalUnit: "TA01", atSimTime: ScenarioFixture.at(minutes: minutes)))
        }
        let other = try ScenarioFixture.timeline(seed: 8)
        XCTAssertNotEqual(first.scriptedOutages().map(\.end), other.scriptedOutages().map(\.end))
        XCTAssertNotEqual(first.meters.map(\.baseCurrent), other.meters.map(\.baseCurrent))
    }

    func testOverlappingOutagesOfOneMeterCountOnce() throws {
        var scenario = try ScenarioFixture.scenario()
        scenario.events.append(ScenarioEvent(id: "LATER", kind: .meterOutage, target: .meter("TA01-M001"), startSeconds: 25 * 60, durationSeconds: 15 * 60))
        let timeline = SubstationTimeline(scenario: scenario, epoch: epoch)
        let outages = timeline.scriptedOutages().filter { $0.meterID == "TA01-M001" }
        XCTAssertEqual(outages.map(\.start), [epoch + 600])
        XCTAssertEqual(outages.map(\.end), [epoch + 2_400])
        XCTAssertEqual(outages.map(\.eventID), ["AREA"])
    }
}

extension SubstationTimelineTests {
    func testClockStepShiftsEveryLaterLogTimeByTheStep() throws {
        var scenario = try ScenarioFixture.scenario()
        scenario.events.append(ScenarioEvent(
            id: "BEHIND", kind: .clockDrift, target: .meter("TA02-M002"), startSeconds: 60, durationSeconds: nil, clockOffsetSeconds: -90
        ))
        let timeline = SubstationTimeline(scenario: scenario, epoch: epoch)
        let state = try XCTUnwrap(timeline.state(ofMeter: "TA02-M002", atSimTime: ScenarioFixture.at(minutes: 30)))
        XCTAssertEqual(state.outageLog, [OutageLogEntry(start: epoch + 300 - 90, end: epoch + 900 - 90)])
        XCTAssertEqual(state.meterClock, epoch + 1_800 - 90)
        XCTAssertEqual(try XCTUnwrap(timeline.state(ofMeter: "TA02-M002", atSimTime: ScenarioFixture.at(minutes: 0.5))).meterClock, epoch + 30,
                       "the clock keeps true time before its step")
    }
}

extension SubstationTimelineTests {
    func testMomentaryAreaOutageRestoresEveryMeterAtOnceAndTheTerminalUnitLogsIt() throws {
        var scenario = try ScenarioFixture.scenario()
        scenario.events.append(ScenarioEvent(id: "RECLOSE", kind: .momentaryOutage, target: .area("TA02"), startSeconds: 80 * 60, durationSeconds: 100))
        let timeline = SubstationTimeline(scenario: scenario, epoch: epoch)
        let outages = timeline.scriptedOutages().filter { $0.eventID == "RECLOSE" }
        XCTAssertEqual(outages.count, 6)
        XCTAssertTrue(outages.allSatisfy { $0.start == self.epoch + 4_800 && $0.end == self.epoch + 4_900 })
        let unit = try XCTUnwrap(timeline.state(ofTerminalUnit: "TA02", atSimTime: ScenarioFixture.at(minutes: 85)))
        XCTAssertEqual(unit.outageLog.first, OutageLogEntry(start: epoch + 4_800, end: epoch + 4_900))
        XCTAssertEqual(try XCTUnwrap(timeline.state(ofMeter: "TA02-M006", atSimTime: ScenarioFixture.at(minutes: 85))).outageCount, 1)
    }

    func testLowVoltageAtOneMeterLeavesItsNeighboursAndTheTransformerNormal() throws {
        var scenario = try ScenarioFixture.scenario()
        scenario.events.append(ScenarioEvent(id: "SAG", kind: .lowVoltage, target: .meter("TA01-M002"), startSeconds: 50 * 60, durationSeconds: 300))
        let timeline = SubstationTimeline(scenario: scenario, epoch: epoch)
        let during = ScenarioFixture.at(minutes: 52)
        let sagging = try XCTUnwrap(timeline.state(ofMeter: "TA01-M002", atSimTime: during))
        XCTAssertLessThan(sagging.voltage, 0.86 * 220, "85 % of nominal by default")
        XCTAssertGreaterThan(try XCTUnwrap(timeline.state(ofMeter: "TA01-M003", atSimTime: during)).voltage, 210)
        XCTAssertTrue(try XCTUnwrap(timeline.state(ofTerminalUnit: "TA01", atSimTime: during)).voltages.allSatisfy { $0 > 215 })
    }
}

extension SubstationTimelineTests {
    func testAreaCommunicationFailureSilencesEveryMeterWhileTheTerminalUnitShowsSupply() throws {
        var scenario = try ScenarioFixture.scenario()
        scenario.events.append(ScenarioEvent(id: "LINK", kind: .commFailure, target: .area("TA02"), startSeconds: 75 * 60, durationSeconds: 600))
        let timeline = SubstationTimeline(scenario: scenario, epoch: epoch)
        let during = ScenarioFixture.at(minutes: 80)
        for meter in timeline.meters where meter.area.id == "TA02" {
            let state = timeline.state(ofMeterAt: meter.index, atSimTime: during)
            XCTAssertTrue(state.powered)
            XCTAssertFalse(state.answering)
        }
        XCTAssertTrue(try XCTUnwrap(timeline.state(ofTerminalUnit: "TA02", atSimTime: during)).supplied)
        XCTAssertEqual(timeline.scriptedOutages().filter { $0.start >= self.epoch + 75 * 60 }, [])
    }
}
