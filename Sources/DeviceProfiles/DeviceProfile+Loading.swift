import Foundation
import YAMLConfig
import Yams

extension DeviceProfile {
    static let profileKeys = [
        "manufacturer", "model", "description", "function", "word_order", "type", "points", "outage_log",
        "workarounds",
    ]
    static let pointKeys = [
        "name", "address", "type", "function", "word_order", "count", "scale", "offset", "scale_factor", "unit",
        "not_available", "group", "description",
    ]
    static let outageLogKeys = ["function", "address", "records", "type", "word_order", "group", "count_point"]
    static let workaroundKeys = [
        "one_request_per_point", "max_gap", "max_registers_per_request", "pause_after_connect_ms",
    ]

    /// Loads and validates the profile at `path`; the profile's name is the file name without `.yaml`.
    public static func load(contentsOf path: String) throws -> DeviceProfile {
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return try profile(YAMLDocument.load(contentsOf: path), name: name, file: path)
    }

    /// Parses and validates profile text; `file` names the source in error messages.
    public static func parse(_ text: String, name: String, file: String) throws -> DeviceProfile {
        try profile(YAMLDocument.parse(text, file: file), name: name, file: file)
    }

    private static func profile(_ root: Node, name: String, file: String) throws -> DeviceProfile {
        let top = try YAMLMapping(root, file: file, subject: "the profile", allowedKeys: profileKeys)
        let defaults = try PointDefaults(
            function: top.choice("function", from: ModbusFunction.allCases, spelling: \.profileName) ?? .holdingRegisters,
            wordOrder: top.choice("word_order", from: WordOrder.allCases, spelling: \.rawValue) ?? .abcd,
            type: top.choice("type", from: PointType.allCases, spelling: \.rawValue)
        )
        guard let pointsNode = top.node("points"), let pointNodes = pointsNode.sequence else {
            throw ProfileError(.missingKey, file: file, line: top.line(of: "points"), "the profile has no 'points' list, expected one")
        }
        let points = try pointNodes.map { try parsePoint($0, file: file, defaults: defaults) }
        let profile = DeviceProfile(
            name: name,
            manufacturer: try top.string("manufacturer") ?? "",
            model: try top.string("model") ?? "",
            description: try top.string("description") ?? "",
            points: points,
            outageLog: try top.node("outage_log").map { try parseOutageLog($0, file: file, defaults: defaults) },
            workarounds: try top.node("workarounds").map { try parseWorkarounds($0, file: file) } ?? Workarounds()
        )
        try profile.validate(file: file)
        return profile
    }

    struct PointDefaults {
        var function: ModbusFunction
        var wordOrder: WordOrder
        var type: PointType?
    }

    private static func parsePoint(_ node: Node, file: String, defaults: PointDefaults) throws -> Point {
        let declaredName = node.mapping?.first { $0.key.string == "name" }?.value.string
        let map = try YAMLMapping(node, file: file, subject: declaredName.map { "point '\($0)'" } ?? "a point", allowedKeys: pointKeys)
        let name = try map.requiredString("name")
        guard name.range(of: "^[a-z][a-z0-9_]*$", options: .regularExpression) != nil else {
            throw map.error(.invalidValue, "name", "point name '\(name)' is not a snake_case name, expected [a-z][a-z0-9_]*")
        }
        guard let address = try map.int("address", in: 0...65535) else {
            throw map.error(.missingKey, "name", "point '\(name)' has no 'address', expected a 0-based register address")
        }
        let function = try map.choice("function", from: ModbusFunction.allCases, spelling: \.profileName) ?? defaults.function
        let explicitType = try map.choice("type", from: PointType.allCases, spelling: \.rawValue)
        let type = explicitType ?? (function.readsBits ? .bool : defaults.type)
        guard let type else {
            throw map.error(.missingKey, "name", "point '\(name)' has no 'type', expected one of: \(PointType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard (type == .bool) == function.readsBits else {
            throw map.error(
                .invalidValue, explicitType == nil ? "function" : "type",
                "point '\(name)' is \(type.rawValue) in the \(function.profileName) table, expected bool for coil/discrete and a register type for holding/input"
            )
        }
        if let count = try map.int("count", in: 1...125), count != type.registerCount {
            throw map.error(.invalidValue, "count", "point '\(name)' has count \(count) but \(type.rawValue) takes \(type.registerCount) register(s), expected \(type.registerCount)")
        }
        guard address + type.registerCount - 1 <= 65535 else {
            throw map.error(.addressOutOfRange, "address", "point '\(name)' at \(address) as \(type.rawValue) ends beyond 65535, expected it to end at 65535 or below")
        }
        let scale = try map.double("scale") ?? 1
        guard scale != 0, scale.isFinite else {
            throw map.error(.invalidValue, "scale", "point '\(name)' has scale 0, expected a non-zero number")
        }
        return Point(
            name: name, function: function, address: address, type: type,
            wordOrder: try map.choice("word_order", from: WordOrder.allCases, spelling: \.rawValue) ?? defaults.wordOrder,
            scale: scale, offset: try map.double("offset") ?? 0, scaleFactor: try map.string("scale_factor"),
            unit: try map.string("unit"), notAvailable: try map.double("not_available"),
            group: try map.string("group"), line: map.line
        )
    }

    private static func parseOutageLog(_ node: Node, file: String, defaults: PointDefaults) throws -> OutageLogLayout {
        let map = try YAMLMapping(node, file: file, subject: "outage_log", allowedKeys: outageLogKeys)
        guard let address = try map.int("address", in: 0...65535) else {
            throw ProfileError(.missingKey, file: file, line: map.line, "outage_log has no 'address', expected the first register of the newest record")
        }
        guard let records = try map.int("records", in: 1...1000) else {
            throw ProfileError(.missingKey, file: file, line: map.line, "outage_log has no 'records', expected the number of records")
        }
        let function = try map.choice("function", from: ModbusFunction.allCases, spelling: \.profileName) ?? defaults.function
        let type = try map.choice("type", from: PointType.allCases, spelling: \.rawValue) ?? .uint32
        guard !function.readsBits, [.uint16, .uint32, .uint64, .int32, .int64].contains(type) else {
            throw map.error(.invalidValue, "type", "outage_log stores \(type.rawValue) in the \(function.profileName) table, expected uint32 (or another integer type) in holding or input registers")
        }
        let log = OutageLogLayout(
            function: function, address: address, records: records, timeType: type,
            wordOrder: try map.choice("word_order", from: WordOrder.allCases, spelling: \.rawValue) ?? defaults.wordOrder,
            group: try map.string("group") ?? "events", countPoint: try map.string("count_point"), line: map.line
        )
        guard log.endAddress - 1 <= 65535 else {
            throw map.error(.addressOutOfRange, "records", "outage_log at \(address) with \(records) records ends beyond 65535, expected it to end at 65535 or below")
        }
        return log
    }

    private static func parseWorkarounds(_ node: Node, file: String) throws -> Workarounds {
        let map = try YAMLMapping(node, file: file, subject: "workarounds", allowedKeys: workaroundKeys)
        let defaults = Workarounds()
        return Workarounds(
            oneRequestPerPoint: try map.bool("one_request_per_point") ?? defaults.oneRequestPerPoint,
            maxGap: try map.int("max_gap", in: 0...125) ?? defaults.maxGap,
            maxRegistersPerRequest: try map.int("max_registers_per_request", in: 1...125) ?? defaults.maxRegistersPerRequest,
            pauseAfterConnectMilliseconds: try map.int("pause_after_connect_ms", in: 0...60_000)
                ?? defaults.pauseAfterConnectMilliseconds
        )
    }
}
