import DeviceProfiles
import XCTest

final class RequestPlannerTests: XCTestCase {
    private func holding(_ name: String, _ address: Int, _ type: PointType = .uint16) -> Point {
        Point(name: name, function: .holdingRegisters, address: address, type: type)
    }

    private func spans(_ requests: [ReadRequest]) -> [String] {
        requests.map { "FC\($0.function.rawValue) \($0.address)+\($0.count)" }
    }

    func testContiguousPoints_mergeIntoOneRead() {
        let plan = RequestPlanner().plan([holding("a", 0), holding("b", 1, .int32), holding("c", 3)])
        XCTAssertEqual(spans(plan), ["FC3 0+4"])
        XCTAssertEqual(plan[0].points.map(\.name), ["a", "b", "c"])
    }

    func testGapsUpToMaxGap_areBridged_andLargerGapsSplit() {
        let planner = RequestPlanner(maxGap: 8)
        XCTAssertEqual(spans(planner.plan([holding("a", 0), holding("b", 9)])), ["FC3 0+10"])
        XCTAssertEqual(spans(planner.plan([holding("a", 0), holding("b", 10)])), ["FC3 0+1", "FC3 10+1"])
        XCTAssertEqual(spans(RequestPlanner(maxGap: 0).plan([holding("a", 0), holding("b", 2)])), ["FC3 0+1", "FC3 2+1"])
    }

    func testReadsNeverExceed125Registers() {
        let points = (0..<130).map { holding("p\($0)", $0) }
        let plan = RequestPlanner().plan(points)
        XCTAssertEqual(spans(plan), ["FC3 0+125", "FC3 125+5"])
        let wide = RequestPlanner(maxGap: 200)
        let float = wide.plan([holding("a", 0), holding("b", 123, .float32)])
        XCTAssertEqual(spans(float), ["FC3 0+125"])
        let over = wide.plan([holding("a", 0), holding("b", 124, .float32)])
        XCTAssertEqual(spans(over), ["FC3 0+1", "FC3 124+2"])
        XCTAssertEqual(spans(RequestPlanner(maxRegisters: 4).plan((0..<6).map { holding("p\($0)", $0) })), ["FC3 0+4", "FC3 4+2"])
    }

    func testGapsOverRefusedAddresses_areNotBridged() {
        let refused = holding("refused", 4)
        let plan = RequestPlanner().plan([holding("a", 0), holding("b", 8)], avoiding: [refused])
        XCTAssertEqual(spans(plan), ["FC3 0+1", "FC3 8+1"])
        XCTAssertEqual(spans(RequestPlanner().plan([holding("a", 0), holding("b", 8)], avoiding: [holding("x", 12)])), ["FC3 0+9"])
    }

    func testBitReads_mergeUpTo2000Bits() {
        let coils = (0..<2001).map { Point(name: "c\($0)", function: .coils, address: $0, type: .bool) }
        XCTAssertEqual(spans(RequestPlanner().plan(coils)), ["FC1 0+2000", "FC1 2000+1"])
    }

    func testDifferentTables_neverMerge() {
        let input = Point(name: "i", function: .inputRegisters, address: 1, type: .uint16)
        XCTAssertEqual(spans(RequestPlanner().plan([holding("h", 0), input])), ["FC3 0+1", "FC4 1+1"])
    }

    func testOneRequestPerPointWorkaround_keepsEveryPointApart() {
        let planner = RequestPlanner(workarounds: Workarounds(oneRequestPerPoint: true))
        XCTAssertEqual(spans(planner.plan([holding("a", 0), holding("b", 1)])), ["FC3 0+1", "FC3 1+1"])
    }

    func testOutageLogRecords_mergeWithNearbyPoints() {
        let log = OutageLogLayout(address: 12, records: 10)
        let plan = RequestPlanner().plan([holding("a", 0), holding("b", 5), holding("count", 10)], outageLog: log)
        XCTAssertEqual(spans(plan), ["FC3 0+52"])
        XCTAssertEqual(plan[0].outageRecords.map(\.index), Array(0..<10))
        XCTAssertEqual(plan[0].outageRecords[9].address, 48)
    }

    func testSplit_halvesARefusedReadUntilOnePointRemains() {
        let planner = RequestPlanner()
        let read = planner.plan([holding("a", 0), holding("b", 1), holding("c", 5), holding("d", 6)])[0]
        let halves = planner.split(read)
        XCTAssertEqual(spans(halves), ["FC3 0+2", "FC3 5+2"])
        XCTAssertEqual(halves.map { $0.points.map(\.name) }, [["a", "b"], ["c", "d"]])
        let single = planner.split(halves[0])
        XCTAssertEqual(spans(single), ["FC3 0+1", "FC3 1+1"])
        XCTAssertEqual(planner.split(single[0]), [])
    }
}
