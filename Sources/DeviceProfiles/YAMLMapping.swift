import Foundation
import Yams

/// A YAML mapping read key by key, each mistake reported with the file and line of the key.
struct YAMLMapping {
    let file: String
    let line: Int
    /// What the mapping is, for messages: "profile", "point 'voltage_a'".
    let subject: String
    private let entries: [(key: String, value: Node, line: Int)]

    init(_ node: Node, file: String, subject: String, allowedKeys: [String]) throws {
        self.file = file
        self.subject = subject
        line = node.mark?.line ?? 0
        guard let mapping = node.mapping else {
            throw ProfileError(.invalidValue, file: file, line: line, "\(subject) is not a mapping, expected `key: value` lines")
        }
        var entries: [(String, Node, Int)] = []
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let keyLine = keyNode.mark?.line ?? line
            guard allowedKeys.contains(key) else {
                throw ProfileError(
                    .unknownKey, file: file, line: keyLine,
                    "unknown key '\(key)' in \(subject), expected one of: \(allowedKeys.joined(separator: ", "))"
                )
            }
            entries.append((key, value, keyLine))
        }
        self.entries = entries
    }

    func node(_ key: String) -> Node? { entries.first { $0.key == key }?.value }

    func line(of key: String) -> Int { entries.first { $0.key == key }?.line ?? line }

    func error(_ code: ProfileError.Code, _ key: String, _ message: String) -> ProfileError {
        ProfileError(code, file: file, line: line(of: key), message)
    }

    func string(_ key: String) throws -> String? {
        guard let node = node(key) else { return nil }
        guard let text = node.scalar?.string else {
            throw error(.invalidValue, key, "'\(key)' of \(subject) is not a single value, expected text")
        }
        return text
    }

    func requiredString(_ key: String) throws -> String {
        guard let text = try string(key) else {
            throw ProfileError(.missingKey, file: file, line: line, "\(subject) has no '\(key)', expected one")
        }
        return text
    }

    func int(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = try string(key) else { return nil }
        guard let value = Self.integer(text), range.contains(value) else {
            throw error(.invalidValue, key, "'\(key)' of \(subject) is '\(text)', expected a whole number in \(range)")
        }
        return value
    }

    func double(_ key: String) throws -> Double? {
        guard let text = try string(key) else { return nil }
        if let integer = Self.integer(text) { return Double(integer) }
        guard let value = node(key)?.float ?? Double(text) else {
            throw error(.invalidValue, key, "'\(key)' of \(subject) is '\(text)', expected a number")
        }
        return value
    }

    func bool(_ key: String) throws -> Bool? {
        guard let text = try string(key) else { return nil }
        guard let value = node(key)?.bool else {
            throw error(.invalidValue, key, "'\(key)' of \(subject) is '\(text)', expected true or false")
        }
        return value
    }

    /// A value that must be one of `T`'s cases, spelled as `spelling` spells them.
    func choice<T>(_ key: String, from cases: [T], spelling: (T) -> String) throws -> T? {
        guard let text = try string(key) else { return nil }
        guard let match = cases.first(where: { spelling($0) == text }) else {
            throw error(
                .invalidValue, key,
                "'\(key)' of \(subject) is '\(text)', expected one of: \(cases.map(spelling).joined(separator: ", "))"
            )
        }
        return match
    }

    /// Decimal, `0x` hexadecimal or negative whole numbers.
    private static func integer(_ text: String) -> Int? {
        let trimmed = text.replacingOccurrences(of: "_", with: "")
        if trimmed.lowercased().hasPrefix("0x") { return Int(trimmed.dropFirst(2), radix: 16) }
        return Int(trimmed)
    }
}
