import YAMLConfig
import Yams

extension ScenarioEvent {
    private static let keys = ["id", "kind", "area", "meter", "at", "duration", "restore_spread", "offset_seconds", "seconds_per_hour", "voltage"]

    /// Reads item `index` of `events`; `meters` are the ids of every meter of `scenario`.
    init(yaml node: Node, index: Int, file: String, scenario: Scenario, meters: Set<String>) throws(YAMLConfigError) {
        let fallbackID = "E\(index + 1)"
        let subject = "event '\(node.mapping?["id"]?.string ?? fallbackID)'"
        let mapping = try YAMLMapping(node, file: file, subject: subject, allowedKeys: Self.keys)
        guard let kind = try mapping.choice("kind", from: Kind.allCases, spelling: \.rawValue) else {
            throw YAMLConfigError(.missingKey, file: file, line: mapping.line, "\(subject) has no 'kind', expected one of: \(Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let target = try Self.target(of: kind, mapping, scenario: scenario, meters: meters)
        let start = try mapping.wholeSeconds("at", allowZero: true) ?? 0
        let duration = try mapping.wholeSeconds("duration", allowZero: false)
        if kind != .clockDrift, duration == nil {
            throw YAMLConfigError(.missingKey, file: file, line: mapping.line, "\(subject) has no 'duration', expected one such as 20min")
        }
        if kind == .momentaryOutage, let duration, duration >= Scenario.momentaryLimitSeconds {
            throw mapping.error(.invalidValue, "duration", "'duration' of \(subject) is \(duration) s, expected a momentary outage under 3min")
        }
        self.init(
            id: try mapping.string("id") ?? fallbackID, kind: kind, target: target, startSeconds: start,
            durationSeconds: kind == .clockDrift ? nil : duration,
            restoreSpreadSeconds: kind == .areaOutage ? try mapping.wholeSeconds("restore_spread", allowZero: true) ?? 60 : 0,
            driftSecondsPerHour: kind == .clockDrift ? try mapping.double("seconds_per_hour") ?? 0 : 0,
            clockOffsetSeconds: kind == .clockDrift ? try mapping.double("offset_seconds") ?? 0 : 0,
            voltage: try mapping.double("voltage")
        )
        try checkDrift(mapping)
        if let end = endSeconds, end > scenario.durationSeconds {
            throw mapping.error(.invalidValue, "duration", "\(subject) ends \(end) s after the start (restoration steps included), expected within the scenario's duration of \(scenario.durationSeconds) s")
        }
        if start >= scenario.durationSeconds {
            throw mapping.error(.invalidValue, "at", "'at' of \(subject) is \(start) s, expected before the scenario's end at \(scenario.durationSeconds) s")
        }
    }

    private static func target(of kind: Kind, _ mapping: YAMLMapping, scenario: Scenario, meters: Set<String>) throws(YAMLConfigError) -> Target {
        let allowed: (area: Bool, meter: Bool) = switch kind {
        case .areaOutage: (true, false)
        case .meterOutage, .clockDrift: (false, true)
        case .momentaryOutage, .lowVoltage, .commFailure: (true, true)
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
    private func checkDrift(_ mapping: YAMLMapping) throws(YAMLConfigError) {
        guard kind == .clockDrift else { return }
        guard driftSecondsPerHour != 0 || clockOffsetSeconds != 0 else {
            throw YAMLConfigError(.missingKey, file: mapping.file, line: mapping.line, "\(mapping.subject) moves no clock, expected 'offset_seconds' (a step, negative: behind) and/or 'seconds_per_hour' (negative: loses time)")
        }
        guard abs(driftSecondsPerHour) < 3_600 else {
            throw mapping.error(.invalidValue, "seconds_per_hour", "'seconds_per_hour' of \(mapping.subject) is \(driftSecondsPerHour), expected under 3600 in size")
        }
    }
}
