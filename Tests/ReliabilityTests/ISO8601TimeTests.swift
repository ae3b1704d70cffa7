import XCTest
import GridWatchCore

final class ISO8601TimeTests: XCTestCase {
    func testTimeWithOffsetBecomesUnixSecondsAndKeepsTheOffset() throws {
        // 2025-03-01T08:30:00+08:00 = 2025-03-01T00:30:00Z; 2025-03-01 is day 20148 since 1970-01-01.
        let time = try XCTUnwrap(ISO8601Time.parse("2025-03-01T08:30:00+08:00"))
        XCTAssertEqual(time.unixSeconds, 20_148 * 86_400 + 30 * 60)
        XCTAssertEqual(time.utcOffsetSeconds, 28_800)
        XCTAssertEqual(time.localDay, 20_148)
    }

    func testOffsetSpellingsAndFractionsAreAccepted() {
        let expected: Int64 = 20_148 * 86_400
        XCTAssertEqual(ISO8601Time.parse("2025-03-01T00:00:00Z")?.unixSeconds, expected)
        XCTAssertEqual(ISO8601Time.parse("2025-03-01 00:00:00.999Z")?.unixSeconds, expected)
        XCTAssertEqual(ISO8601Time.parse("2025-03-01T05:30+0530")?.unixSeconds, expected)
        XCTAssertEqual(ISO8601Time.parse("2025-02-28T19:00:00-05")?.unixSeconds, expected)
    }

    func testTimesWithoutOffsetOrWithImpossibleFieldsAreRejected() {
        for text in ["2025-03-01T00:00:00", "2025-02-29T00:00:00Z", "2025-03-01T24:00:00Z", "2025-3-01T00:00:00Z",
                     "2025-03-01T00:00:00+08:00x", "2025-03-01T00:00:60Z", ""] {
            XCTAssertNil(ISO8601Time.parse(text), text)
        }
    }

    func testFormatWritesTheOffsetAndRoundTrips() {
        let text = "2024-02-29T23:59:59-03:30"
        let time = ISO8601Time.parse(text)!
        XCTAssertEqual(ISO8601Time.format(unixSeconds: time.unixSeconds, utcOffsetSeconds: time.utcOffsetSeconds), text)
        XCTAssertEqual(ISO8601Time.format(unixSeconds: 0, utcOffsetSeconds: 0), "1970-01-01T00:00:00Z")
    }

    func testCivilDateConversionIsExactAcrossCenturiesAndBeforeTheEpoch() {
        XCTAssertEqual(CivilDate(year: 2000, month: 3, day: 1).daysSinceEpoch, 11_017)
        XCTAssertEqual(CivilDate(year: 1969, month: 12, day: 31).daysSinceEpoch, -1)
        for day in stride(from: Int64(-800_000), through: 800_000, by: 997) {
            XCTAssertEqual(CivilDate(daysSinceEpoch: day).daysSinceEpoch, day)
        }
        XCTAssertEqual(ISO8601Time.localDay(unixSeconds: -1, utcOffsetSeconds: 0), -1)
    }
}
