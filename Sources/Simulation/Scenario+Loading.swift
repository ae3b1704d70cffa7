import Foundation
import GridWatchCore
import YAMLConfig
import Yams

extension Scenario {
    private static let keys = ["seed", "time_scale", "epoch", "duration", "areas", "events"]
    private static let areaKeys = ["id", "line", "county", "region", "meters", "meter_prefix", "ttu", "nominal_voltage", "rtu"]
    private static let eventKeys = ["id", "kind", "area", "meter", "at", "duration", "restore_spread", "offset_seconds", "seconds_per_hour", "voltage"]
    /// Momentary outages are shorter than this (three minutes).
    public static let momentaryLimitSeconds: Int64 = 180

    /// Loads and validates a scenario file; every mistake is `file:line: what is wrong, what was expected`.
    public static func load(contentsOf path: String) throws(YAMLConfigError) -> Scenario {
        try parse(YAMLDocument.load(contentsOf: path), file: path)
    }

    /// Reads a scenario from YAML text that came from `file`.
    public static func parse(_ text: String, file: String) throws(YAMLConfigError) -> Scenario {
        try parse(YAMLDocument.parse(text, file: file), file: file)
    }

    private static func parse(_ node: Node, file: String) throws(YAMLConfigError) -> Scenario {
        let root = try YAMLMapping(node, file: file, subject: "scenario", allowedKeys: keys)
        let epoch: Int64? = try root.string("epoch").map { text throws(YAMLConfigError) in
            guard let time = ISO8601Time.parse(text) else {
                throw root.error(.invalidValue, "epoch", "'epoch' is '\(text)', expected an ISO-8601 time with offset such as 2026-04-15T08:00:00+08:00")
            }
            return time.unixSeconds
        }
        let seedText = try root.string("seed")
        guard let seed = seedText.map({ UInt64($0.replacingOccurrences(of: "_", with: "")) }) ?? 1 else {
            throw root.error(.invalidValue, "seed", "'seed' is '\(seedText ?? "")', expected a whole number 0-\(UInt64.max)")
        }
        let scale = try root.double("time_scale") ?? 60
        guard scale > 0, scale <= 100_000 else {
            throw root.error(.invalidValue, "time_scale", "'time_scale' is \(scale), expected simulated seconds per wall second, above 0 and at most 100000")
        }
        guard let duration = try wholeSeconds(root, "duration", allowZero: false) else {
            throw YAMLConfigError(.missingKey, file: file, line: root.line, "scenario has no 'duration', expected one such as 60min")
        }
        var scenario = Scenario(seed: seed, timeScale: scale, epoch: epoch, durationSeconds: duration, areas: [], events: [])
        for item in try root.sequence("areas") {
            let area = try Self.area(item, file: file)
            if scenario.areas.contains(where: { $0.id == area.id }) {
                throw YAMLConfigError(.duplicate, file: file, line: item.mark?.line ?? root.line, "area id '\(area.id)' is used twice, expected unique area ids")
            }
            scenario.areas.append(area)
        }
        guard !scenario.areas.isEmpty else {
            throw root.error(.missingKey, "areas", "scenario has no areas, expected a list under 'areas'")
        }
        try checkUniqueDevices(scenario.areas, root: root)
        let meters = Set(scenario.areas.flatMap(\.meterIDs))
        for (index, item) in try root.sequence("events").enumerated() {
            let event = try Self.event(item, index: index, file: file, scenario: scenario, meters: meters)
            if scenario.events.contains(where: { $0.id == event.id }) {
                throw YAMLConfigError(.duplicate, file: file, line: item.mark?.line ?? root.line, "event id '\(event.id)' is used twice, expected unique event ids")
            }
            scenario.events.append(event)
        }
        return scenario
    }

    private static func area(_ node: Node, file: String) throws(YAMLConfigError) -> Area {
        let subject = node.mapping?["id"]?.string.map { "area '\($0)'" } ?? "an area"
        let mapping = try YAMLMapping(node, file: file, subject: subject, allowedKeys: areaKeys)
        let id = try mapping.requiredString("id")
        guard let meters = try mapping.int("meters", in: 1...2000) else {
            throw YAMLConfigError(.missingKey, file: file, line: mapping.line, "area '\(id)' has no 'meters', expected a number of meters such as 96")
        }
        let nominal = try mapping.double("nominal_voltage") ?? 220
        guard nominal > 0, nominal <= 1000 else {
            throw mapping.error(.invalidValue, "nominal_voltage", "'nominal_voltage' of area '\(id)' is \(nominal), expected volts above 0 and at most 1000")
        }
        let rtu = try mapping.bool("rtu") ?? false
        if rtu, meters > BusLayout.maxMetersPerBus {
            throw mapping.error(.invalidValue, "rtu", "area '\(id)' has \(meters) meters on one RTU line, expected at most \(BusLayout.maxMetersPerBus) (unit ids 1-\(BusLayout.maxMetersPerBus))")
        }
        return Area(
            id: id, line: try mapping.string("line") ?? "", county: try mapping.string("county") ?? "",
            region: try mapping.string("region") ?? "", meterCount: meters, meterPrefix: try mapping.string("meter_prefix"),
            terminalUnitID: try mapping.string("ttu"), nominalVoltage: nominal, servedOverRTU: rtu
        )
    }

    private static func checkUniqueDevices(_ areas: [Area], root: YAMLMapping) throws(YAMLConfigError) {
        var seen: Set<String> = []
        for area in areas {
            for id in area.meterIDs + [area.terminalUnitID] where !seen.insert(id).inserted {
                throw root.error(.duplicate, "areas", "device id '\(id)' (area '\(area.id)') is used twice, expected distinct 'meter_prefix' and 'ttu' per area")
            }
        }
    }

    private static func event(_ node: Node, index: Int, file: String, scenario: Scenario, meters: Set<String>) throws(YAMLConfigError) -> ScenarioEvent {
        let fallbackID = "E\(index + 1)"
        let subject = "event '\(node.mapping?["id"]?.string ?? fallbackID)'"
        let mapping = try YAMLMapping(node, file: file, subject: subject, allowedKeys: eventKeys)
        guard let kind = try mapping.choice("kind", from: ScenarioEvent.Kind.allCases, spelling: \.rawValue) else {
            throw YAMLConfigError(.missingKey, file: file, line: mapping.line, "\(subject) has no 'kind', expected one of: \(ScenarioEvent.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let target = try Self.target(of: kind, mapping, scenario: scenario, meters: meters)
        let start = try wholeSeconds(mapping, "at", allowZero: true) ?? 0
        let duration = try wholeSeconds(mapping, "duration", allowZero: false)
        if kind != .clockDrift, duration == nil {
            throw YAMLConfigError(.missingKey, file: file, line: mapping.line, "\(subject) has no 'duration', expected one such as 20min")
        }
        if kind == .momentaryOutage, let duration, duration >= momentaryLimitSeconds {
            throw mapping.error(.invalidValue, "duration", "'duration' of \(subject) is \(duration) s, expected a momentary outage under 3min")
        }
        let event = ScenarioEvent(
            id: try mapping.string("id") ?? fallbackID, kind: kind, target: target, startSeconds: start,
            durationSeconds: kind == .clockDrift ? nil : duration,
            restoreSpreadSeconds: kind == .areaOutage ? try wholeSeconds(mapping, "restore_spread", allowZero: true) ?? 60 : 0,
            driftSecondsPerHour: kind == .clockDrift ? try mapping.double("seconds_per_hour") ?? 0 : 0,
            clockOffsetSeconds: kind == .clockDrift ? try mapping.double("offset_seconds") ?? 0 : 0,
            voltage: try mapping.double("voltage")
        )
        try checkDrift(event, mapping)
        if let end = event.endSeconds, end > scenario.durationSeconds {
            throw mapping.error(.invalidValue, "duration", "\(subject) ends \(end) s after the start (restoration steps included), expected within the scenario's duration of \(scenario.durationSeconds) s")
        }
        if start >= scenario.durationSeconds {
            throw mapping.error(.invalidValue, "at", "'at' of \(subject) is \(start) s, expected before the scenario's end at \(scenario.durationSeconds) s")
        }
        return event
    }

    private static func target(of kind: ScenarioEvent.Kind, _ mapping: YAMLMapping, scenario: Scenario, meters: Set<String>) throws(YAMLConfigError) -> ScenarioEvent.Target {
        let allowed: (area: Bool, meter: Bool) = switch kind {
        case .areaOutage: (true, false)
        case .meterOutage, .commFailure, .clockDrift: (false, true)
        case .momentaryOutage, .lowVoltage: (true, true)
        }
        let expected = [allowed.area ? "'area'" : nil, allowed.meter ? "'meter'" : nil].compactMap { $0 }.joined(separator: " or ")
        switch (try mapping.string("area"), try mapping.string("meter")) {
        case (let area?, nil) where allowed.area:
            guard scenario.areas.contains(where: { $0.id == area }) else {
                throw mapping.error(.invalidValue, "area", "'area' of \(mapping.subject) is '\(area)', expected one of the scenario's areas: \(scenario.areas.map(\.id).joined(separator: ", "))")
            }
            return .area(area)
        case (nil, let meter?) where allowed.meter:
            guard meters.contains(meter) else {
                throw mapping.error(.invalidValue, "meter", "'meter' of \(mapping.subject) is '\(meter)', expected a meter of the scenario such as '\(scenario.areas[0].meterIDs[0])'")
            }
            return .meter(meter)
        default:
            throw YAMLConfigError(.invalidValue, file: mapping.file, line: mapping.line, "\(mapping.subject) (\(kind.rawValue)) needs exactly one target, expected \(expected)")
        }
    }

    /// A clock drift must move the clock, at a rate a clock can have.
    private static func checkDrift(_ event: ScenarioEvent, _ mapping: YAMLMapping) throws(YAMLConfigError) {
        guard event.kind == .clockDrift else { return }
        guard event.driftSecondsPerHour != 0 || event.clockOffsetSeconds != 0 else {
            throw YAMLConfigError(.missingKey, file: mapping.file, line: mapping.line, "\(mapping.subject) moves no clock, expected 'offset_seconds' (a step, negative: behind) and/or 'seconds_per_hour' (negative: loses time)")
        }
        guard abs(event.driftSecondsPerHour) < 3_600 else {
            throw mapping.error(.invalidValue, "seconds_per_hour", "'seconds_per_hour' of \(mapping.subject) is \(event.driftSecondsPerHour), expected under 3600 in size")
        }
    }

    /// A duration such as `90s` or `20min` in whole seconds.
    private static func wholeSeconds(_ mapping: YAMLMapping, _ key: String, allowZero: Bool) throws(YAMLConfigError) -> Int64? {
        guard let text = try mapping.string(key) else { return nil }
        guard let duration = DurationText.parse(text), allowZero || duration > .zero,
              duration.components.attoseconds == 0
        else {
            throw mapping.error(.invalidValue, key, "'\(key)' of \(mapping.subject) is '\(text)', expected \(allowZero ? "" : "a positive ")whole seconds with a unit such as 90s, 20min or 1h")
        }
        return duration.components.seconds
    }
}
