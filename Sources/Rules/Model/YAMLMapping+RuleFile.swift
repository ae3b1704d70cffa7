import YAMLConfig
import Yams

/// Rule-file readers on the shared `YAMLMapping`, in the wording rule files use:
/// `<key> in <where> <what is wrong>, expected <what>`.
extension YAMLMapping {
    /// Reads `node` as a mapping whose keys must all be in `allowedKeys`; `context` says where it sits.
    init(ruleFields node: Node, file: String, context: String, allowedKeys: [String]) throws(RuleFileError) {
        let keyList = allowedKeys.joined(separator: ", ")
        guard node.mapping != nil else {
            throw RuleFileError(.badValue, file: file, line: node.mark?.line ?? 0, "\(context) is not a mapping, expected a mapping of keys (\(keyList))")
        }
        if let unknown = Self.firstUnknownKey(in: node, allowedKeys: allowedKeys) {
            throw RuleFileError(.unknownKey, file: file, line: unknown.line, "unknown key \"\(unknown.key)\" in \(context), expected one of \(keyList)")
        }
        try self.init(node, file: file, subject: context, allowedKeys: allowedKeys)
    }

    /// A bad value under `key`, at the value's line.
    func failure(_ key: String, _ problem: String, expected: String) -> RuleFileError {
        RuleFileError(.badValue, file: file, line: node(key)?.mark?.line ?? line(of: key), "\(key) in \(subject) \(problem), expected \(expected)")
    }

    func required(_ key: String) throws(RuleFileError) -> Node {
        if let node = node(key) { return node }
        throw RuleFileError(.missingKey, file: file, line: line, "\(subject) has no \(key), expected a \(key) key")
    }

    /// Non-empty text.
    func text(_ key: String) throws(RuleFileError) -> String? {
        guard let node = node(key) else { return nil }
        guard let text = node.scalar?.string, !text.isEmpty else { throw failure(key, "is not text", expected: "a non-empty string") }
        return text
    }

    func choice<Value: RawRepresentable>(_ key: String, of type: Value.Type, allowed: [Value]) throws(RuleFileError) -> Value?
    where Value.RawValue == String {
        guard let text = try text(key) else { return nil }
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

    /// Hours (≥ 0, at most a million: a century) as whole seconds; larger would not fit in seconds.
    func hoursAsSeconds(_ key: String) throws(RuleFileError) -> Int64? {
        guard let hours = try number(key, atLeast: 0) else { return nil }
        guard hours <= 1_000_000 else { throw failure(key, "is \(hours)", expected: "hours ≤ 1000000") }
        return Int64((hours * 3_600).rounded())
    }

    func trueOrFalse(_ key: String) throws(RuleFileError) -> Bool? {
        guard let node = node(key) else { return nil }
        guard let value = node.bool else { throw failure(key, "is not true or false", expected: "true or false") }
        return value
    }

    /// A list of non-empty texts.
    func strings(_ key: String) throws(RuleFileError) -> [String]? {
        guard let node = node(key) else { return nil }
        guard let items = node.sequence else { throw failure(key, "is not a list", expected: "a list such as [a, b]") }
        var values: [String] = []
        for item in items {
            guard let text = item.scalar?.string, !text.isEmpty else {
                throw RuleFileError(.badValue, file: file, line: item.mark?.line ?? line, "an item of \(key) in \(subject) is not text, expected a string")
            }
            values.append(text)
        }
        return values
    }
}
