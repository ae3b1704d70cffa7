import Fleet
import GRDB
import PostgresNIO
import Store
import XCTest

/// Every forwarded kind's rows, as the gateway holds them and as the central database holds them for
/// that gateway, as sorted lists of rows, so that "nothing lost, nothing duplicated" is one equality.
enum CentralComparison {
    typealias Rows = [String]

    static func gatewayRows(_ kind: ForwardKind, databasePath: String) throws -> Rows {
        let queue = try DatabaseQueue(path: databasePath)
        let table: String = switch kind {
        case .outage: "outages"
        case .event: "interruption_events"
        case .dailyFigures: "daily_figures"
        case .deviceHealth: "device_health_history"
        case .violation: "violations"
        case .plannedNotice: "planned_notices"
        }
        return try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT \(kind.columns.joined(separator: ", ")) FROM \(table)").map { row in
                row.databaseValues.map { value -> String in
                    switch value.storage {
                    case .null, .blob: "null"
                    case .int64(let v): "\(v)"
                    case .double(let v): "\(v)"
                    case .string(let v): "'\(v)'"
                    }
                }.joined(separator: "|")
            }.sorted()
        }
    }

    static func centralRows(_ kind: ForwardKind, gatewayID: String, client: PostgresClient) async throws -> Rows {
        let sql = "SELECT \(kind.columns.joined(separator: ", ")) FROM \(CentralSchema.table(kind)) WHERE gateway_id = $1"
        var binds = PostgresBindings()
        binds.append(gatewayID)
        var rows: Rows = []
        for try await row in try await client.query(PostgresQuery(unsafeSQL: sql, binds: binds)) {
            rows.append(try row.map { cell -> String in
                guard cell.bytes != nil else { return "null" }
                switch cell.dataType {
                case .int2, .int4, .int8: return "\(try cell.decode(Int64.self))"
                case .float4, .float8: return "\(try cell.decode(Double.self))"
                default: return "'\(try cell.decode(String.self))'"
                }
            }.joined(separator: "|"))
        }
        return rows.sorted()
    }

    /// Asserts that, for every kind, the central rows of gateway `gatewayID` equal the rows of its database.
    static func assertCentralEqualsGateway(
        _ gatewayID: String, databasePath: String, client: PostgresClient, file: StaticString = #filePath, line: UInt = #line
    ) async throws {
        for kind in ForwardKind.allCases {
            let local = try gatewayRows(kind, databasePath: databasePath)
            let central = try await centralRows(kind, gatewayID: gatewayID, client: client)
            XCTAssertEqual(central.count, local.count, "\(gatewayID) \(kind.rawValue): row count", file: file, line: line)
            XCTAssertEqual(central, local, "\(gatewayID) \(kind.rawValue): rows differ", file: file, line: line)
        }
    }
}
