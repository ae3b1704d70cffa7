import Foundation
import XCTest

/// A fresh directory for one test's database files, removed when the test ends.
struct TemporaryDatabase {
    let directory: URL
    var path: String { directory.appendingPathComponent("gridwatch.db").path }

    init(_ testCase: XCTestCase) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("gridwatch-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let directory = directory
        testCase.addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
    }
}
