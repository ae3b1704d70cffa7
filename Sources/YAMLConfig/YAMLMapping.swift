import Yams

/// A YAML mapping read key by key, each mistake reported with the file and line of the key.
public struct YAMLMapping {
    public let file: String
    public let line: Int
    /// What the mapping is, for messages: "configuration", "bus 'feeder-7'".
    public let subject: String
    private let entries: [(key: String, value: Node, line: Int)]

    /// Reads `node` as a mapping whose keys must all be in `allowedKeys`.
    public init(_ node: Node, file: String, subject: String, allowedKeys: [String]) throws(YAMLConfigError) {
        self.file = file
        self.subject = subject
        let line = node.mark?.line ?? 0
        self.line = line
        guard let mapping = node.mapping else {
            throw YAMLConfigError(.invalidValue, file: file, line: line, "\(subject) is not a mapping, expected `key: value` lines")
        }
        if let unknown = Self.firstUnknownKey(in: node, allowedKeys: allowedKeys) {
            throw YAMLConfigError(
                .unknownKey, file: file, line: unknown.line,
                "unknown key '\(unknown.key)' in \(subject), expected one of: \(allowedKeys.joined(separator: ", "))"
            )
        }
        entries = mapping.map { (key: $0.key.string ?? "", value: $0.value, line: $0.key.mark?.line ?? line) }
    }

    /// The first key of the mapping `node` that is not in `allowedKeys`, with its line; `nil` when every
    /// key is allowed or `node` is not a mapping. For readers that word their own unknown-key message.
    public static func firstUnknownKey(in node: Node, allowedKeys: [String]) -> (key: String, line: Int)? {
        guard let unknown = node.mapping?.first(where: { !allowedKeys.contains($0.key.string ?? "") }) else { return nil }
        return (unknown.key.string ?? "", unknown.key.mark?.line ?? node.mark?.line ?? 0)
    }

    public var keys: [String] { entries.map(\.key) }

    public func node(_ key: String) -> Node? { entries.first { $0.key == key }?.value }

    public func line(of key: String) -> Int { entries.first { $0.key == key }?.line ?? line }

    /// An error about `key`, at the key's line.
    public func error(_ code: YAMLConfigError.Code, _ key: String, _ message: String) -> YAMLConfigError {
        YAMLConfigError(code, file: file, line: line(of: key), message)
    }

    public func string(_ key: String) throws(YAMLConfigError) -> String? {
        guard let node = node(key) else { return nil }
        guard let text = node.scalar?.string else {
            throw error(.invalidValue, key, "'\(key)' of \(subject) is not a single value, expected text")
        }
        return text
    }

    public func requiredString(_ key: String) throws(YAMLConfigError) -> String {
        guard let text = try string(key) else {
            throw YAMLConfigError(.missingKey, file: file, line: line, "\(subject) has no '\(key)', expected one")
        }
        return text
    }

    public func int(_ key: String, in range: ClosedRange<Int>) throws(YAMLConfigError) -> Int? {
        guard let text = try string(key) else { return nil }
        guard let value = Self.integer(text), range.contains(value) else {
            throw error(.invalidValue, key, "'\(key)' of \(subject) is '\(text)', expected a whole number in \(range)")
        }
        return value
    }

    public func double(_ key: String) throws(YAMLConfigError) -> Double? {
        guard let text = try string(key) else { return nil }
        if let integer = Self.integer(text) { return Double(integer) }
        guard let value = node(key)?.float ?? Double(text) else {
            throw error(.invalidValue, key, "'\(key)' of \(subject) is '\(text)', expected a number")
        }
        return value
    }

    public func bool(_ key: String) throws(YAMLConfigError) -> Bool? {
        guard let text = try string(key) else { return nil }
        guard let value = node(key)?.bool else {
            throw error(.invalidValue, key, "'\(key)' of \(subject) is '\(text)', expected true or false")
        }
        return value
    }

    /// A duration written with a unit: `500ms`, `15s`, `1min`, `2h`, `35d`.
    public func duration(_ key: String) throws(YAMLConfigError) -> Duration? {
        guard let text = try string(key) else { return nil }
        guard let value = DurationText.parse(text), value > .zero else {
            throw error(.invalidValue, key, "'\(key)' of \(subject) is '\(text)', expected a positive duration such as 500ms, 15s, 1min, 2h or 35d")
        }
        return value
    }

    /// A value that must be one of `T`'s cases, spelled as `spelling` spells them.
    public func choice<T>(_ key: String, from cases: [T], spelling: (T) -> String) throws(YAMLConfigError) -> T? {
        guard let text = try string(key) else { return nil }
        guard let match = cases.first(where: { spelling($0) == text }) else {
            throw error(
                .invalidValue, key,
                "'\(key)' of \(subject) is '\(text)', expected one of: \(cases.map(spelling).joined(separator: ", "))"
            )
        }
        return match
    }

    /// The items of a sequence under `key` (empty when the key is absent).
    public func sequence(_ key: String) throws(YAMLConfigError) -> [Node] {
        guard let node = node(key) else { return [] }
        guard let items = node.sequence else {
            throw error(.invalidValue, key, "'\(key)' of \(subject) is not a list, expected `- item` lines")
        }
        return Array(items)
    }

    /// Decimal, `0x` hexadecimal or negative whole numbers, `_` allowed as a separator.
    static func integer(_ text: String) -> Int? {
        let trimmed = text.replacingOccurrences(of: "_", with: "")
        if trimmed.lowercased().hasPrefix("0x") { return Int(trimmed.dropFirst(2), radix: 16) }
        return Int(trimmed)
    }
}
