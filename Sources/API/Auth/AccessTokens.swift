import Foundation

/// The bearer tokens of a tokens file: one `ROLE TOKEN` pair a line (`read-only` or `annotate`),
/// `#` comments and blank lines ignored. Tokens are compared in constant time and never printed.
public struct AccessTokens: Sendable {
    private let entries: [(token: [UInt8], role: AccessRole)]

    /// Tokens shorter than this are refused: they could be guessed.
    public static let minimumLength = 16

    public init(_ entries: [(token: String, role: AccessRole)]) {
        self.entries = entries.map { (Array($0.token.utf8), $0.role) }
    }

    public var count: Int { entries.count }

    /// Reads `path`; a bad line is reported as `file:line: what, expected` (without the token).
    public static func load(path: String) throws -> AccessTokens {
        guard let text = FileManager.default.contents(atPath: path).flatMap({ String(data: $0, encoding: .utf8) }) else {
            throw AccessTokensError(file: path, line: 0, "cannot read the tokens file, expected a readable UTF-8 file")
        }
        var entries: [(String, AccessRole)] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(whereSeparator: \.isWhitespace)
            guard let first = fields.first, !first.hasPrefix("#") else { continue }
            guard fields.count == 2 else {
                throw AccessTokensError(file: path, line: index + 1, "expected `ROLE TOKEN` (two fields), found \(fields.count) field(s)")
            }
            guard let role = AccessRole(rawValue: String(first)) else {
                throw AccessTokensError(file: path, line: index + 1, "unknown role '\(first)', expected read-only or annotate")
            }
            guard fields[1].utf8.count >= minimumLength else {
                throw AccessTokensError(file: path, line: index + 1, "token too short, expected at least \(minimumLength) characters")
            }
            entries.append((String(fields[1]), role))
        }
        guard !entries.isEmpty else { throw AccessTokensError(file: path, line: 0, "no tokens, expected at least one `ROLE TOKEN` line") }
        return AccessTokens(entries)
    }

    /// The role of `presented`, or `nil`. Every token is compared, each in time that depends only on
    /// the lengths, so the time taken tells nothing of which bytes matched.
    public func role(of presented: Substring) -> AccessRole? {
        let bytes = Array(presented.utf8)
        var found: AccessRole?
        for entry in entries where Self.constantTimeEqual(entry.token, bytes) {
            found = max(found ?? entry.role, entry.role)
        }
        return found
    }

    static func constantTimeEqual(_ expected: [UInt8], _ presented: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: expected.count ^ presented.count)
        difference |= expected.count == presented.count ? 0 : 1
        for index in 0..<max(expected.count, presented.count) {
            let left = index < expected.count ? expected[index] : 0
            let right = index < presented.count ? presented[index] : 0
            difference |= left ^ right
        }
        return difference == 0
    }
}

/// A tokens file that cannot be used.
public struct AccessTokensError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    init(file: String, line: Int, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}
