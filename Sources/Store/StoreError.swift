/// An error of the store, matchable by `code`, with the context a person needs.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String { case openFailed, unknownDevice, unknownRecord, invalidArgument, writerStopped }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The database file could not be opened or migrated.
        public static let openFailed = Code(.openFailed)
        /// A device id that the store does not know.
        public static let unknownDevice = Code(.unknownDevice)
        /// An outage, event, violation or outbox id that does not exist.
        public static let unknownRecord = Code(.unknownRecord)
        /// An argument out of range (a reversed time range, a step that is not whole minutes, ...).
        public static let invalidArgument = Code(.invalidArgument)
        /// The reading writer was stopped; nothing more is accepted.
        public static let writerStopped = Code(.writerStopped)

        public var description: String { value.rawValue }
    }

    public var code: Code
    /// What went wrong, with the offending values.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "store: \(code): \(message)" }
}
