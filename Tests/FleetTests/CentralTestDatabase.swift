import Fleet
import Foundation
import GridWatchTesting
import Logging
import PostgresNIO
import XCTest

/// A fresh database on the test server (`GRIDWATCH_TEST_POSTGRES_URL`, started by
/// `scripts/postgres-test-server.sh`), migrated, dropped again by `drop()`.
struct CentralTestDatabase {
    static let urlVariable = "GRIDWATCH_TEST_POSTGRES_URL"
    let name: String
    let url: CentralDatabaseURL
    let urlText: String
    private let adminURL: CentralDatabaseURL
    let logger = Logger(label: "fleet-tests")

    /// Skips the test when no test server is configured.
    static func create() async throws -> CentralTestDatabase {
        guard let admin = ProcessInfo.processInfo.environment[urlVariable] else {
            throw XCTSkip("\(urlVariable) is not set: start scripts/postgres-test-server.sh and export its URL (the Makefile does)")
        }
        let adminURL = try CentralDatabaseURL(parsing: admin)
        let name = "fleet_\(UUID().uuidString.prefix(8).lowercased())"
        let logger = Logger(label: "fleet-tests")
        try await withCentralClient(adminURL, logger: logger) { client in
            try await client.query("CREATE DATABASE \(unescaped: name)", logger: logger)
        }
        var components = URLComponents(string: admin)!
        components.path = "/\(name)"
        let text = components.string!
        let database = CentralTestDatabase(name: name, url: try CentralDatabaseURL(parsing: text), urlText: text, adminURL: adminURL)
        try await database.withClient { client in try await CentralSchema.migrate(client, logger: logger) }
        return database
    }

    private init(name: String, url: CentralDatabaseURL, urlText: String, adminURL: CentralDatabaseURL) {
        self.name = name
        self.url = url
        self.urlText = urlText
        self.adminURL = adminURL
    }

    func withClient<T: Sendable>(_ body: @Sendable (PostgresClient) async throws -> T) async throws -> T {
        try await withCentralClient(url, logger: logger, body)
    }

    func drop() async throws {
        let (name, logger) = (self.name, self.logger)
        try await withCentralClient(adminURL, logger: logger) { client in
            try await client.query("DROP DATABASE IF EXISTS \(unescaped: name) WITH (FORCE)", logger: logger)
        }
    }

    /// Runs `scripts/postgres-test-server.sh pause|resume` (the test server keeps its data), bounded in time.
    static func server(_ command: String) throws {
        let script = TestEnvironment.packageRoot.appendingPathComponent("scripts/postgres-test-server.sh").path
        let result = try ChildProcess.run("/bin/bash", [script, command], timeout: 60)
        guard result.status == 0 else { throw TestSupportError("postgres-test-server.sh \(command) failed (\(result.status)): \(result.error)") }
    }
}
