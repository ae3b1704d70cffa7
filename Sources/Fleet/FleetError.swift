/// A failure of the fleet side: a bad URL, an unreachable or refusing central database, a schema mismatch.
public struct FleetError: Error, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        /// The PostgreSQL URL (or the file holding it) is missing or malformed.
        case invalidURL
        /// The central schema is older than this program; run `gridwatch central migrate`.
        case schemaOutdated
        /// The central database rejected or failed a statement.
        case centralFailed
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
