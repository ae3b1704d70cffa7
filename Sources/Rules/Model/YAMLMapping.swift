import Yams

/// A YAML mapping read key by key with `file:line` errors: every key must be known, every value typed.
struct YAMLMapping {
    let file: String
    let line: Int
    /// Where the mapping sits, for messages ("rule frequent-60d", "filter").
    let context: String
    private let pairs: [(key: String, value: Node, line: Int)]

    init(_ node: Node, file: String, context: String, allowedKeys: [String]) throws(RuleFileError) {
        self.file = file
        self.context = context
        line = node.mark?.line ?? 0
        guard let mapping = node.mapping else {
            throw RuleFileError(.badValue, file: file, line: line, "\(context) is not a mapping, expected a mapping of keys (\(allowedKeys.joined(separator: ", ")))")
        }
        var pairs: [(key: String, value: Node, line: Int)] = []
        for (keyNode, value) in mapping {
            let keyLine = keyNode.mark?.line ?? line
            guard let key = keyNode.scalar?.string, allowedKeys.contains(key) else {
                throw RuleFileError(.unknownKey, file: file, line: keyLine,
                                    "unknown key \"\(keyNode.scalar?.string ?? "?")\" in \(context), expected one of \(allowedKeys.joined(separator: ", "))")
            }
            pairs.append((key, value, keyLine))
        }
        self.pairs = pairs
    }

    var keys: [String] { pairs.map(\.key) }

    func node(_ key: String) -> Node? { pairs.first { $0.key == key }?.value }

    func keyLine(_ key: String) -> Int { pairs.first { $0.key == key }?.line ?? line }

    func failure(_ key: String, _ problem: String, expected: String) -> RuleFileError {
        RuleFileError(.badValue, file: file, line: node(key)?.mark?.line ?? keyLine(key), "\(key) in \(context) \(problem), expected \(expected)")
    }

    func required(_ key: String) throws(RuleFileError) -> Node {
        if let node = node(key) { return node }
        throw RuleFileError(.missingKey, file: file, line: line, "\(context) has no \(key), expected a \(key) key")
    }

    func string(_ key: String) throws(RuleFileError) -> String? {
        guard let node = node(key) else { return nil }
        guard let text = node.scalar?.string, !text.isEmpty else { throw failure(key, "is not text", expected: "a non-empty string") }
        return text
    }

    func choice<Value: RawRepresentable>(_ key: String, of type: Value.Type, allowed: [Value]) throws(RuleFileError) -> Value?
    where Value.RawValue == String {
        guard let text = try string(key) else { return nil }
        guard let value = Value(rawValue: text), allowed.contains(where: { $0.rawValue == value.rawValue }) else {
            throw failure(key, "is \"\(text)\"", expected: "one of \(allowed.map(\.rawValue).joined(separator: " | "))")
        }
        return value
    }

    func integer(_ key: String, atLeast minimum: Int) throws(RuleFileError) -> Int? {
        guard let node = node(key) else { return nil }
        guard let value = node.int, value >= minimum else {
            throw failure(key, "is \"\(node.scalar?.string ?? "not a number")\"", expected: "a whole number ≥ \(minimum)")
        }
        return value
    }

    func number(_ key: String, atLeast minimum: Double) throws(RuleFileError) -> Double? {
        guard let node = node(key) else { return nil }
        guard let value = node.float, value.isFinite, value >= minimum else {
            throw failure(key, "is \"\(node.scalar?.string ?? "not a number")\"", expected: "a number ≥ \(minimum)")
        }
        return value
    }

    func bool(_ key: String) throws(RuleFileError) -> Bool? {
        guard let node = node(key) else { return nil }
        guard let value = node.bool else { throw failure(key, "is not true or false", expected: "true or false") }
        return value
    }

    func strings(_ key: String) throws(RuleFileError) -> [String]? {
        guard let node = node(key) else { return nil }
        guard let items = node.sequence else { throw failure(key, "is not a list", expected: "a list such as [a, b]") }
        var values: [String] = []
        for item in items {
            guard let text = item.scalar?.string, !text.isEmpty else {
                throw RuleFileError(.badValue, file: file, line: item.mark?.line ?? line, "an item of \(key) in \(context) is not text, expected a string")
            }
            values.append(text)
        }
        return values
    }
}
