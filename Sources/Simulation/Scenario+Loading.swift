import Foundation
import GridWatchCore
import YAMLConfig
import Yams

extension Scenario {
    private static let keys = ["seed", "time_scale", "epoch", "duration", "areas", "events"]
    private static let areaKeys = ["id", "line", "county", "region", "meters", "meter_prefix", "ttu", "nominal_voltage", "rtu"]
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
        guard let duration = try root.wholeSeconds("duration", allowZero: false) else {
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
            let event = try ScenarioEvent(yaml: item, index: index, file: file, scenario: scenario, meters: meters)
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
}
