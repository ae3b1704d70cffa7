import GridWatchCore
import Reliability
import Simulation
import Store

/// What the demo collected, next to what its scenario scripted.
public struct DemoResult: Sendable {
    public var configuration: GatewayConfiguration
    /// Scenario period on the simulated clock, Unix seconds.
    public var from: Int64
    public var to: Int64
    public var devices: [DeviceOverview]
    public var readings: Int
    public var requestsServed: Int
    public var outages: [StoredOutage]
    /// The rule violations the daemon's rule stage opened (open and closed).
    public var violations: [ViolationRecord]
    public var scripted: [ScriptedOutage]
    /// Scripted outages with exactly one found record of the same meter whose duration is within the
    /// event log's resolution (`durationToleranceSeconds`) and whose start is within `startToleranceSeconds`.
    public var matched: Int
    /// Found records that match no scripted outage (a communication fault taken for an outage, say).
    public var unexpected: [StoredOutage]
    /// Scripted outages not found.
    public var missed: [ScriptedOutage]
    /// Log times are whole seconds: start and end each round, so a duration may differ by 2 s.
    public static let durationToleranceSeconds: Int64 = 2
    /// Starts are corrected by clock offsets measured over Modbus: 0.1 s of real time (a reply delay
    /// under load) is `0.1 × scale` simulated seconds, and never less than 5 s.
    public let startToleranceSeconds: Int64

    init(store: Store, configuration: GatewayConfiguration, timeline: SubstationTimeline, requestsServed: Int) async throws {
        startToleranceSeconds = max(5, Int64((0.1 * timeline.scenario.timeScale).rounded(.up)))
        self.configuration = configuration
        from = timeline.epoch
        to = timeline.end
        devices = try await store.devices()
        readings = try await store.rawReadingCount()
        self.requestsServed = requestsServed
        outages = try await store.outages(OutageQuery())
        violations = try await store.violations()
        scripted = timeline.scriptedOutages()
        let startTolerance = startToleranceSeconds
        var remaining = outages
        var missed: [ScriptedOutage] = []
        for expected in scripted {
            let index = remaining.firstIndex { found in
                found.record.meterID == expected.meterID
                    && abs(found.record.start - expected.start) <= startTolerance
                    && found.record.end.map { abs(($0 - found.record.start) - (expected.end - expected.start)) }
                        .map { $0 <= Self.durationToleranceSeconds } == true
            }
            if let index { remaining.remove(at: index) } else { missed.append(expected) }
        }
        matched = scripted.count - missed.count
        unexpected = remaining
        self.missed = missed
    }

    /// The reliability indices of the scenario period, by area and for the system, from the stored records.
    public func indices() async throws -> IndexReport {
        let (topology, table) = try await configuration.storedOutageTable()
        let options = IndexOptions(from: from, to: to, utcOffsetSeconds: 0, asOf: to)
        return ReliabilityIndexEngine(topology: topology, outages: table).report(levels: [.area, .system], options: options)
    }
}
