import Foundation
import GridWatchCore
import Store

/// A gateway's database with forwarding on, filled with deterministic records of every forwarded kind:
/// log-read outages, provisional outages later superseded, events (one annotated), daily figures and
/// health snapshots. Meter ids carry the gateway id, each gateway is one area of a shared region.
struct GatewayFixture {
    let gatewayID: String
    let store: Store
    let placements: [MeterPlacement]
    let path: String

    /// 2025-01-01T00:00:00Z.
    static let yearStart: Int64 = 1_735_689_600

    static func make(_ gatewayID: String, meters: Int, directory: URL) throws -> GatewayFixture {
        let path = directory.appendingPathComponent("\(gatewayID).sqlite").path
        let store = try Store(StoreConfiguration(path: path, forwarding: true))
        let placements = (0..<meters).map { index in
            MeterPlacement(
                meterID: "\(gatewayID)-M\(String(format: "%04d", index))", area: "\(gatewayID)-area",
                line: "\(gatewayID)-L\(index % 3)", county: "county-\(gatewayID.hashValue & 1 == 0 ? "a" : "b")",
                region: "region", customers: 1 + index % 4)
        }
        return GatewayFixture(gatewayID: gatewayID, store: store, placements: placements, path: path)
    }

    /// Writes `outagesPerMeter` log-read outages per meter (seeded), with provisional records that the
    /// log-read ones supersede, an event per day with outages, one annotated event, figures and health.
    func fill(outagesPerMeter: Int, seed: UInt64) async throws {
        var random = SplitMix(seed: seed)
        var writes: [OutageWrite] = []
        for placement in placements {
            for _ in 0..<outagesPerMeter {
                let start = Self.yearStart + Int64(random.next() % (360 * 86_400))
                let duration = Int64(random.next() % 7_200)
                let day = (start - Self.yearStart) / 86_400
                writes.append(OutageWrite(
                    record: OutageRecord(
                        meterID: placement.meterID, start: start, end: start + duration, eventID: "\(gatewayID)-E\(day)",
                        outageClass: duration < 600 ? .faultExternal : .faultInternal, recloseOperations: Int(random.next() % 3),
                        source: .meterLog, confidence: 0.9),
                    area: placement.area, line: placement.line, logStart: start + 2))
            }
        }
        // Every tenth record is first seen as provisional (terminal unit), then confirmed by the log.
        let provisional = writes.enumerated().filter { $0.offset % 10 == 0 }.map { _, write in
            var record = write.record
            record.end = nil
            record.source = .terminalUnit
            record.confidence = 0.5
            return OutageWrite(record: record, area: write.area, line: write.line)
        }
        let provisionalIDs = try await store.saveOutages(provisional)
        for (index, id) in provisionalIDs.enumerated() { writes[index * 10].supersedes = [id] }
        try await store.saveOutages(writes)

        let outagesPerDay = Dictionary(grouping: writes) { ($0.record.start - Self.yearStart) / 86_400 }.mapValues(\.count)
        let days = outagesPerDay.keys.sorted()
        try await store.saveEvents(days.map { day in
            InterruptionEventRecord(
                id: "\(gatewayID)-E\(day)", area: "\(gatewayID)-area", line: nil, start: Self.yearStart + day * 86_400,
                end: Self.yearStart + day * 86_400 + 7_200, meters: outagesPerDay[day]!)
        })
        if let first = days.first {
            try await store.annotateEvent(id: "\(gatewayID)-E\(first)", EventAnnotation(outageClass: .planned, cause: "maintenance", author: "test"))
        }
        try await store.saveDailyFigures(days.prefix(20).map { day in
            DailyFigures(
                day: CivilDate(daysSinceEpoch: Self.yearStart / 86_400 + day).description, level: .area, scopeID: "\(gatewayID)-area",
                values: ["customers": Double(placements.count), "customer_minutes": Double(day) * 1.5])
        })
        try await store.saveHealth((0..<5).map { index in
            DeviceHealth(deviceID: placements[0].meterID, status: index == 3 ? .offline : .online, timeMillis: Self.yearStart * 1000 + Int64(index) * 60_000,
                         consecutiveFailures: index == 3 ? 4 : 0, successRatioHour: 0.75)
        })
    }
}

/// A small deterministic generator (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
