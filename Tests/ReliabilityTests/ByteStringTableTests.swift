import XCTest
@testable import Reliability

final class ByteStringTableTests: XCTestCase {
    func testNumbersAreFirstSeenOrderAndSurviveGrowth() {
        var table = ByteStringTable(expectedCount: 2)
        // Short, exactly 16 bytes, longer than 16 with a shared 16-byte head, empty.
        let names = (0..<5_000).map { "M\($0)" } + ["0123456789abcdef", "0123456789abcdef-1", "0123456789abcdef-2", ""]
        for (number, name) in names.enumerated() { XCTAssertEqual(table.intern(name), Int32(number)) }
        for (number, name) in names.enumerated() {
            XCTAssertEqual(table.intern(name), Int32(number), name)
            XCTAssertEqual(table.find(name), Int32(number), name)
            XCTAssertEqual(table.string(at: number), name)
        }
        XCTAssertEqual(table.count, names.count)
        for absent in ["M5000", "0123456789abcdef-3", "0123456789abcde", "M1\u{0}"] { XCTAssertNil(table.find(absent), absent) }
    }

    func testACopyIsIndependentOfTheOriginal() {
        var original = ByteStringTable()
        _ = original.intern("A")
        var copy = original
        XCTAssertEqual(copy.intern("B"), 1)
        XCTAssertNil(original.find("B"), "the copy's new string is not in the original")
        XCTAssertEqual(original.intern("C"), 1)
        XCTAssertEqual(copy.find("C"), nil)
        let big = (0..<100_000).reduce(into: ByteStringTable()) { table, number in _ = table.intern("meter-\(number)") }
        XCTAssertEqual(big.find("meter-99999"), 99_999, "a table on huge pages (over 2 MiB of slots) works the same")
    }
}
