import Foundation
import PostgresNIO

/// Where the central PostgreSQL is: `postgres://user:password@host:port/database?sslmode=...`.
///
/// Read from `GRIDWATCH_POSTGRES_URL` or from a file, never from a command-line argument (it carries
/// credentials). `sslmode` is `disable`, `prefer` (the default) or `require`/`verify-full` (TLS with
/// certificate verification).
public struct CentralDatabaseURL: Sendable, CustomStringConvertible {
    /// The environment variable holding the URL.
    public static let environmentVariable = "GRIDWATCH_POSTGRES_URL"

    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String?
    public var sslMode: String

    /// The URL without its password, for logs and errors.
    public var description: String {
        "postgres://\(username)@\(host):\(port)/\(database ?? "") (sslmode=\(sslMode))"
    }

    public init(parsing text: String) throws(FleetError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let components = URLComponents(string: trimmed), ["postgres", "postgresql"].contains(components.scheme ?? ""),
              let host = components.host, !host.isEmpty
        else {
            throw FleetError(.invalidURL, "not a PostgreSQL URL, expected postgres://user:password@host:port/database")
        }
        self.host = host
        port = components.port ?? 5432
        username = components.user.flatMap { $0.removingPercentEncoding } ?? "postgres"
        password = components.password.flatMap { $0.removingPercentEncoding }
        let path = components.path.drop { $0 == "/" }
        database = path.isEmpty ? nil : String(path)
        sslMode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        guard ["disable", "prefer", "require", "verify-ca", "verify-full"].contains(sslMode) else {
            throw FleetError(.invalidURL, "sslmode '\(sslMode)' is not supported, expected disable, prefer, require or verify-full")
        }
    }

    /// The URL from `file` when given, else from `GRIDWATCH_POSTGRES_URL`.
    public static func resolve(file: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws(FleetError) -> CentralDatabaseURL {
        if let file {
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                throw FleetError(.invalidURL, "\(file): cannot read the PostgreSQL URL file")
            }
            do { return try CentralDatabaseURL(parsing: text) } catch {
                throw FleetError(.invalidURL, "\(file):1: \(error.message)")
            }
        }
        guard let text = environment[environmentVariable] else {
            throw FleetError(.invalidURL, "no central database: set \(environmentVariable) or give a postgres_url_file")
        }
        do { return try CentralDatabaseURL(parsing: text) } catch {
            throw FleetError(.invalidURL, "\(environmentVariable): \(error.message)")
        }
    }

    /// The PostgresNIO client configuration, with TLS as `sslmode` asks.
    public var clientConfiguration: PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS
        switch sslMode {
        case "disable": tls = .disable
        case "prefer": tls = .prefer(.makeClientConfiguration())
        default: tls = .require(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tls)
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }
}
