import Foundation
import GridWatchTesting
import XCTest

final class ValidateCommandTests: XCTestCase {
    func testValidate_acceptsEveryShippedProfile() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: TestEnvironment.devicesDirectory)
            .filter { $0.hasSuffix(".yaml") }.map { "\(TestEnvironment.devicesDirectory)/\($0)" }
        XCTAssertEqual(files.count, 5)
        let run = try ChildProcess.run("gridwatch", ["validate"] + files)
        XCTAssertEqual(run.status, 0, run.error)
        XCTAssertEqual(run.output.split(separator: "\n").filter { $0.hasPrefix("ok ") }.count, 5)
    }

    func testValidate_reportsFileLineAndExitsNonZero() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("gridwatch-bad-\(UUID().uuidString).yaml").path
        try "manufacturer: x\npoints:\n  - {name: voltage_a, address: 0, type: uint16}\n  - {name: voltage_b, address: 0, type: uint16}\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try ChildProcess.run("gridwatch", ["validate", file])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.error, "\(file):4: point 'voltage_b' at 0 overlaps point 'voltage_a' (0..<1), expected separate registers\n")
    }
}
