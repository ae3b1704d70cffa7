/// The simulator could not do what was asked; match on `code`.
public struct SimulationError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: Sendable, Hashable {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// socat is missing or did not make its pty pair.
        public static let serialLineUnavailable = Code("serial line unavailable")
        /// The endpoints of an area served over RTU are known only while serving.
        public static let needsServing = Code("needs serving")
    }

    public var code: Code
    /// What went wrong and what would fix it.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
