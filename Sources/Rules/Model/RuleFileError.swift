/// A problem in a rule file: `file:line: what is wrong, what was expected`.
public struct RuleFileError: Error, Sendable, CustomStringConvertible {
    /// Matchable kind of problem.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Kind: String { case unreadable, syntax, unknownKey, missingKey, badValue, duplicateID }
        fileprivate let kind: Kind

        /// The file cannot be read.
        public static let unreadable = Code(kind: .unreadable)
        /// The file is not valid YAML.
        public static let syntax = Code(kind: .syntax)
        /// A key that the rule file format does not know.
        public static let unknownKey = Code(kind: .unknownKey)
        /// A required key is missing.
        public static let missingKey = Code(kind: .missingKey)
        /// A value of the wrong type or out of range.
        public static let badValue = Code(kind: .badValue)
        /// Two rules share an id.
        public static let duplicateID = Code(kind: .duplicateID)

        public var description: String { kind.rawValue }
    }

    public let code: Code
    public let file: String
    /// 1-based line of the offending key or value (0 when unknown).
    public let line: Int
    /// What is wrong and what was expected.
    public let message: String

    public init(_ code: Code, file: String, line: Int, _ message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): \(message)" }
}
