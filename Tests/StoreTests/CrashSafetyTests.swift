import Foundation
import GRDB
import XCTest

/// `kill -9` during heavy writing (commits and settling both): the file stays intact, every reading
/// reported committed is there, and the writer resumes. The child is the real `gridwatch store-load`.
final class CrashSafetyTests: XCTestCase {
    func testSIGKILLDuringHeavyWriting_losesNothingReportedCommitted_andTheWriterResumes() throws {
        let database = try TemporaryDatabase(self)
        let reportFile = database.directory.appendingPathComponent("committed.txt").path
        var random = SeededGenerator(seed: UInt64(Date().timeIntervalSince1970))
        print("crash test seed \(random.seed)")
        var storedBefore = 0
        for round in 1...5 {
            let child = try startLoad(database: database.path, report: reportFile)
            let reportedAtStart = try highestReported(reportFile)
            try waitForReport(beyond: reportedAtStart, in: reportFile, child: child)
            Thread.sleep(forTimeInterval: Double.random(in: 0.05...0.8, using: &random))
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
            XCTAssertEqual(child.terminationReason, .uncaughtSignal, "round \(round): the child was not killed")

            let reported = try XCTUnwrap(try highestReported(reportFile), "round \(round): nothing reported committed")
            let queue = try DatabaseQueue(path: database.path)
            // Readings live in the time-ordered table until the writer settles them into `readings`.
            let all = "(SELECT value FROM readings UNION ALL SELECT value FROM readings_recent)"
            let (integrity, stored, upToReported, highest) = try queue.read { db in
                (
                    try String.fetchOne(db, sql: "PRAGMA integrity_check"),
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM \(all)") ?? 0,
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM \(all) WHERE value <= ?", arguments: [reported]) ?? 0,
                    try Int.fetchOne(db, sql: "SELECT CAST(max(value) AS INTEGER) FROM \(all)") ?? -1
                )
            }
            try queue.close()
            XCTAssertEqual(integrity, "ok", "round \(round)")
            XCTAssertEqual(upToReported, reported + 1, "round \(round): a reading reported committed is missing")
            XCTAssertEqual(stored, highest + 1, "round \(round): the stored readings are not the prefix 0...\(highest)")
            XCTAssertGreaterThan(stored, storedBefore, "round \(round): the restarted writer stored nothing new")
            print("crash round \(round): reported \(reported + 1), stored \(stored) readings")
            storedBefore = stored
        }
        let queue = try DatabaseQueue(path: database.path)
        let settled = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM readings") ?? 0 }
        XCTAssertGreaterThan(settled, 0, "the writer never settled, so no kill could land while settling")
    }

    private func startLoad(database: String, report: String) throws -> Process {
        let process = Process()
        process.executableURL = try gridwatchExecutable()
        process.arguments = [
            "store-load", "--database", database, "--report-committed", report,
            "--devices", "50", "--points", "10", "--batch-interval-ms", "100", "--batch-size", "5000",
            "--settle-rows", "20000",
        ]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Waits until the child reports a commit past `previous`, so the kill lands during writing.
    private func waitForReport(beyond previous: Int?, in file: String, child: Process) throws {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let highest = try highestReported(file), highest > (previous ?? -1) { return }
            guard child.isRunning else {
                XCTFail("store-load exited early with status \(child.terminationStatus)")
                return
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        XCTFail("store-load reported no commit within 20 s")
    }

    private func highestReported(_ file: String) throws -> Int? {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        return text.split(separator: "\n").compactMap { Int($0.split(separator: " ").last ?? "") }.max()
    }

    /// The `gridwatch` executable of the same build as this test bundle.
    private func gridwatchExecutable() throws -> URL {
        let bundle = Bundle(for: Self.self).bundleURL
        let candidates = [bundle, bundle.deletingLastPathComponent()].map { $0.appendingPathComponent("gridwatch") }
        guard let executable = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            XCTFail("gridwatch is not built next to the tests (\(bundle.path)); build everything with `swift build --build-tests`")
            throw CocoaError(.fileNoSuchFile)
        }
        return executable
    }
}

/// SplitMix64, so that a failing run's kill moments can be replayed from its printed seed.
struct SeededGenerator: RandomNumberGenerator {
    let seed: UInt64
    private var state: UInt64

    init(seed: UInt64) {
        self.seed = seed
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
