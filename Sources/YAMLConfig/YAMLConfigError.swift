/// A configuration file that cannot be used, with where and why: `file:line: what is wrong, what was expected`.
public struct YAMLConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of mistake it is; match on it (`error.code == .unknownKey`).
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        public init(_ name: String) { self.name = name }

        public static let unreadable = Code("unreadable")
        public static let syntax = Code("syntax")
        public static let unknownKey = Code("unknown key")
        public static let missingKey = Code("missing key")
        public static let invalidValue = Code("invalid value")
        public static let duplicate = Code("duplicate")

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
