import PostgresNIO

/// A one-line account of a failure talking to the central database, for logs: the PostgresNIO error
/// code, the server's SQLSTATE and message, the underlying connection error. `String(reflecting:)` of a
/// `PSQLError` would carry the whole statement (a batch is tens of kilobytes); this never does.
public func centralErrorSummary(_ error: any Error) -> String {
    switch error {
    case let error as PostgresTransactionError:
        let parts = [("begin", error.beginError), ("statement", error.closureError), ("commit", error.commitError),
                     ("rollback", error.rollbackError)]
        return parts.compactMap { name, error in error.map { "\(name): \(centralErrorSummary($0))" } }.joined(separator: "; ")
    case let error as PSQLError:
        var summary = "\(error.code)"
        if let state = error.serverInfo?[.sqlState], let message = error.serverInfo?[.message] { summary += " \(state) \(message)" }
        if let underlying = error.underlying { summary += " (\(underlying))" }
        return summary
    default:
        return "\(error)"
    }
}
