/// A profile that cannot be used, with where and why: `file:line: what is wrong, what was expected`.
public struct ProfileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of mistake it is; match on it (`error.code == .unknownKey`).
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        public static let unreadable = Code("unreadable")
        public static let syntax = Code("syntax")
        public static let unknownKey = Code("unknown key")
        public static let missingKey = Code("missing key")
        public static let invalidValue = Code("invalid value")
        public static let overlap = Code("overlap")
        public static let addressOutOfRange = Code("address out of range")
        public static let unknownProfile = Code("unknown profile")

        public var description: String { name }
    }

    public var code: Code
    public var file: String
    /// 1-based line of the offending key, 0 when the whole file is meant.
    public var line: Int
    /// What is wrong and what was expected.
    public var message: String

    public init(_ code: Code, file: String, line: Int, _ message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}
