/// A problem in an input file, located by file and line: `file:line: what is wrong, what was expected`.
public struct CSVFileError: Error, Sendable, CustomStringConvertible {
    /// Matchable kind of problem (`catch let error as CSVFileError where error.code == .missingColumn`).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Kind: String { case unreadable, missingColumn, badValue, unknownMeter, duplicateMeter, badQuoting }
        fileprivate let kind: Kind

        /// The file cannot be opened or read.
        public static let unreadable = Code(kind: .unreadable)
        /// The header lacks a required column.
        public static let missingColumn = Code(kind: .missingColumn)
        /// A field holds something other than what its column expects.
        public static let badValue = Code(kind: .badValue)
        /// An outage names a meter that the topology does not list.
        public static let unknownMeter = Code(kind: .unknownMeter)
        /// The topology lists a meter twice.
        public static let duplicateMeter = Code(kind: .duplicateMeter)
        /// A quoted field is not closed, or text follows its closing quote.
        public static let badQuoting = Code(kind: .badQuoting)

        public var description: String { kind.rawValue }
    }

    public let code: Code
    public let file: String
    /// 1-based line where the offending record starts (1 is the header).
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
