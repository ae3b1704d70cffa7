import GRDB
import XCTest

@testable import Store

final class StoreSchemaTests: XCTestCase {
    func testOpeningCreatesEveryMigrationInOrder_withWALAndIncrementalVacuum() async throws {
        let database = try TemporaryDatabase(self)
        let store = try await Store.open(StoreConfiguration(path: database.path))

        let applied = try await store.appliedMigrations()
        XCTAssertEqual(applied, StoreSchema.migrations.map(\.name))
        let pragmas = try await store.pool.write { db in
            [
                try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                try String.fetchOne(db, sql: "PRAGMA synchronous"),
                try String.fetchOne(db, sql: "PRAGMA auto_vacuum"),
                try String.fetchOne(db, sql: "PRAGMA foreign_keys"),
            ]
        }
        XCTAssertEqual(pragmas, ["wal", "1", "2", "1"])  // synchronous 1 = NORMAL, auto_vacuum 2 = INCREMENTAL
    }

    func testReopeningKeepsDataAndAppliesNothingTwice() async throws {
        let database = try TemporaryDatabase(self)
        do {
            let store = try Store(StoreConfiguration(path: database.path))
            try await store.registerDevices([DeviceRecord(id: "M0001", bus: "b1", unit: 1)])
        }
        let reopened = try Store(StoreConfiguration(path: database.path))
        let devices = try await reopened.devices()
        XCTAssertEqual(devices.map(\.device.id), ["M0001"])
        XCTAssertEqual(devices.first?.status, .neverSeen)
        let applied = try await reopened.appliedMigrations()
        XCTAssertEqual(applied.count, StoreSchema.migrations.count)
    }

    func testReadOnlyStore_readsADatabaseWhoseDaemonIsStopped() async throws {
        let database = try TemporaryDatabase(self)
        do {
            let store = try Store(StoreConfiguration(path: database.path))
            try await store.registerDevices([DeviceRecord(id: "M0001")])
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: database.path + "-wal"), "closing checkpoints and removes the WAL")
        let reader = try await Store.open(StoreConfiguration(path: database.path), access: .readOnly)
        let devices = try await reader.devices()
        XCTAssertEqual(devices.map(\.device.id), ["M0001"])
    }

    func testReadOnlyOpen_refusesADatabaseWithoutTheSchema() throws {
        let database = try TemporaryDatabase(self)
        _ = try DatabaseQueue(path: database.path)  // an empty SQLite file
        XCTAssertThrowsError(try Store(StoreConfiguration(path: database.path), access: .readOnly)) { error in
            XCTAssertEqual((error as? StoreError)?.code, .openFailed)
        }
    }

    func testReadOnlyStore_readsWhatTheWriterCommitted_andCannotWrite() async throws {
        let database = try TemporaryDatabase(self)
        let store = try Store(StoreConfiguration(path: database.path))
        try await store.registerDevices([DeviceRecord(id: "TTU01", area: "TA01")])
        let reader = try Store(StoreConfiguration(path: database.path), access: .readOnly)
        let devices = try await reader.devices()
        XCTAssertEqual(devices.map(\.device.area), ["TA01"])
        do {
            try await reader.registerDevices([DeviceRecord(id: "X")])
            XCTFail("a read-only store wrote")
        } catch let error as DatabaseError {
            XCTAssertEqual(error.resultCode, .SQLITE_READONLY)
        }
    }
}
