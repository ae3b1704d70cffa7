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
    public var scripted: [ScriptedOutage]
    /// Scripted outages with exactly one found record of the same meter within `tolerance` seconds at both ends.
    public var matched: Int
    /// Found records that match no scripted outage (a communication fault taken for an outage, say).
    public var unexpected: [StoredOutage]
    /// Scripted outages not found.
    public var missed: [ScriptedOutage]
    public static let toleranceSeconds: Int64 = 5

    init(store: Store, configuration: GatewayConfiguration, timeline: SubstationTimeline, requestsServed: Int) async throws {
        self.configuration = configuration
        from = timeline.epoch
        to = timeline.end
        devices = try await store.devices()
        readings = try await store.rawReadingCount()
        self.requestsServed = requestsServed
        outages = try await store.outages(OutageQuery())
        scripted = timeline.scriptedOutages()
        var remaining = outages
        var missed: [ScriptedOutage] = []
        for expected in scripted {
            let index = remaining.firstIndex { found in
                found.record.meterID == expected.meterID
                    && abs(found.record.start - expected.start) <= Self.toleranceSeconds
                    && found.record.end.map { abs($0 - expected.end) <= Self.toleranceSeconds } == true
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
