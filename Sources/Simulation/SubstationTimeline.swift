/// The whole scenario worked out in advance: for every meter, when it has no supply, when it does
/// not answer, how its clock drifts and when its voltage is low. Pure and deterministic: the same
/// scenario and epoch give the same states, whatever order they are asked in.
///
/// Simulated time is Unix seconds; the scenario's offsets count from `epoch`.
public struct SubstationTimeline: Sendable {
    public let scenario: Scenario
    /// Unix seconds of the scenario's start.
    public let epoch: Int64
    /// Every meter, areas in file order.
    public let meters: [SimulatedMeter]

    /// A span of simulated time, Unix seconds, `end` exclusive.
    struct Span: Sendable, Hashable {
        var start: Int64
        var end: Int64
        var eventID: String
        var level: Double = 0

        func contains(_ time: Double) -> Bool { Double(start) <= time && time < Double(end) }
    }

    struct Drift: Sendable, Hashable {
        var start: Int64
        var offset: Double
        var secondsPerHour: Double
    }

    /// Per meter (by index): supply losses (merged, restoration steps included), communication
    /// faults, clock drifts, low-voltage spans.
    let supplyLosses: [[Span]]
    let commFailures: [[Span]]
    let drifts: [[Drift]]
    let lowVoltages: [[Span]]
    /// Per area id: supply losses at the transformer, and low-voltage spans.
    let areaSupplyLosses: [String: [Span]]
    let areaLowVoltages: [String: [Span]]
    private let meterIndexByID: [String: Int]
    let metersByArea: [String: Range<Int>]

    /// - Parameter epoch: Unix seconds of the scenario's start; pass `scenario.epoch` when it has one.
    public init(scenario: Scenario, epoch: Int64) {
        self.scenario = scenario
        self.epoch = epoch
        var meters: [SimulatedMeter] = []
        var byArea: [String: Range<Int>] = [:]
        for area in scenario.areas {
            let first = meters.count
            for id in area.meterIDs {
                meters.append(SimulatedMeter(id: id, area: area, index: meters.count, seed: scenario.seed))
            }
            byArea[area.id] = first..<meters.count
        }
        self.meters = meters
        metersByArea = byArea
        let indexByID = Dictionary(uniqueKeysWithValues: meters.map { ($0.id, $0.index) })
        meterIndexByID = indexByID

        var losses = Array(repeating: [Span](), count: meters.count)
        var silences = losses, lows = losses
        var drifts = Array(repeating: [Drift](), count: meters.count)
        var areaLosses: [String: [Span]] = [:], areaLows: [String: [Span]] = [:]
        for (eventNumber, event) in scenario.events.enumerated() {
            let start = epoch + event.startSeconds
            let end = start + (event.durationSeconds ?? 0)
            let targets: Range<Int> = switch event.target {
            case .area(let id): byArea[id] ?? 0..<0
            case .meter(let id): indexByID[id].map { $0..<($0 + 1) } ?? 0..<0
            }
            switch event.kind {
            case .areaOutage, .meterOutage, .momentaryOutage:
                for index in targets {
                    let step = Self.restoreStep(event, number: eventNumber, meter: index, seed: scenario.seed)
                    losses[index].append(Span(start: start, end: end + step, eventID: event.id))
                }
                if case .area(let id) = event.target { areaLosses[id, default: []].append(Span(start: start, end: end, eventID: event.id)) }
            case .commFailure:
                for index in targets { silences[index].append(Span(start: start, end: end, eventID: event.id)) }
            case .clockDrift:
                for index in targets { drifts[index].append(Drift(start: start, offset: event.clockOffsetSeconds, secondsPerHour: event.driftSecondsPerHour)) }
            case .lowVoltage:
                for index in targets {
                    let level = event.voltage ?? 0.85 * meters[index].area.nominalVoltage
                    lows[index].append(Span(start: start, end: end, eventID: event.id, level: level))
                }
                if case .area(let id) = event.target, let area = scenario.areas.first(where: { $0.id == id }) {
                    areaLows[id, default: []].append(Span(start: start, end: end, eventID: event.id, level: event.voltage ?? 0.85 * area.nominalVoltage))
                }
            }
        }
        supplyLosses = losses.map(Self.merged)
        commFailures = silences
        self.drifts = drifts
        lowVoltages = lows
        areaSupplyLosses = areaLosses.mapValues(Self.merged)
        areaLowVoltages = areaLows
    }

    /// The meter's position in `meters`, `nil` for an unknown id.
    public func meterIndex(of id: String) -> Int? { meterIndexByID[id] }

    /// Unix seconds of the scenario's end.
    public var end: Int64 { epoch + scenario.durationSeconds }

    /// How long after supply returns `meter` restores in `event`: drawn in `0...restoreSpread` for an
    /// area outage (step restoration), zero otherwise.
    private static func restoreStep(_ event: ScenarioEvent, number: Int, meter: Int, seed: UInt64) -> Int64 {
        guard event.kind == .areaOutage, event.restoreSpreadSeconds > 0 else { return 0 }
        var generator = SeededGenerator(seed: seed, 1, UInt64(number), UInt64(meter))
        return Int64(generator.next() % UInt64(event.restoreSpreadSeconds + 1))
    }

    /// Overlapping or touching spans joined; the joined span keeps the earliest event's id.
    private static func merged(_ spans: [Span]) -> [Span] {
        var result: [Span] = []
        for span in spans.sorted(by: { ($0.start, $0.end) < ($1.start, $1.end) }) {
            if let last = result.last, span.start <= last.end {
                result[result.count - 1].end = max(last.end, span.end)
            } else {
                result.append(span)
            }
        }
        return result
    }
}
