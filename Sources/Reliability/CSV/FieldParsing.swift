import GridWatchCore

/// Reads typed values from field bytes, with `file:line` errors that say what was expected.
public struct FieldParser {
    let reader: CSVByteReader
    private static let powersOfTen: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]

    public init(reader: CSVByteReader) { self.reader = reader }

    private func failure(_ column: String, _ index: Int, expected: String) -> CSVFileError {
        CSVFileError(.badValue, file: reader.path, line: reader.line,
                     "\(column) \"\(reader.string(index))\" is not valid, expected \(expected)")
    }

    /// The field without surrounding spaces or tabs.
    @inline(__always)
    public func trimmed(_ index: Int) -> UnsafeRawBufferPointer {
        var bytes = reader.field(index)
        while let first = bytes.first, first == 0x20 || first == 0x09 { bytes = UnsafeRawBufferPointer(rebasing: bytes.dropFirst()) }
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes = UnsafeRawBufferPointer(rebasing: bytes.dropLast()) }
        return bytes
    }

    public func required(_ column: String, _ index: Int) throws(CSVFileError) -> UnsafeRawBufferPointer {
        let bytes = trimmed(index)
        if bytes.isEmpty {
            throw CSVFileError(.badValue, file: reader.path, line: reader.line, "\(column) is empty, expected a value")
        }
        return bytes
    }

    /// A time with offset; `nil` for an empty field.
    @inline(__always)
    public func time(_ column: String, _ index: Int) throws(CSVFileError) -> OffsetTime? {
        let bytes = trimmed(index)
        if bytes.isEmpty { return nil }
        guard let time = ISO8601Time.parse(bytes) else {
            throw failure(column, index, expected: "an ISO-8601 time with offset such as 2025-03-01T08:30:00+08:00")
        }
        return time
    }

    /// A time with offset; `nil` for an empty field. `layout` speeds up runs of times of one date.
    @inline(__always)
    func time(_ column: String, _ index: Int, layout: inout RecentTimeLayout) throws(CSVFileError) -> OffsetTime? {
        let bytes = trimmed(index)
        if bytes.isEmpty { return nil }
        guard let time = layout.parse(bytes) else {
            throw failure(column, index, expected: "an ISO-8601 time with offset such as 2025-03-01T08:30:00+08:00")
        }
        return time
    }

    /// A time with offset, or a date `YYYY-MM-DD` taken as local midnight at `dateOffset`; `nil` when empty.
    func timeOrDate(_ column: String, _ index: Int, dateOffset: Int) throws(CSVFileError) -> Int64? {
        let bytes = trimmed(index)
        if bytes.isEmpty { return nil }
        if let date = ISO8601Time.parseDate(bytes) { return date.daysSinceEpoch * 86_400 - Int64(dateOffset) }
        if let time = ISO8601Time.parse(bytes) { return time.unixSeconds }
        throw failure(column, index, expected: "a date YYYY-MM-DD or an ISO-8601 time with offset")
    }

    /// A non-negative integer; `nil` for an empty field.
    @inline(__always)
    public func count(_ column: String, _ index: Int) throws(CSVFileError) -> Int? {
        let bytes = trimmed(index)
        if bytes.isEmpty { return nil }
        var value = 0
        for byte in bytes {
            let digit = byte &- 0x30
            guard digit < 10, value < Int.max / 10 - 9 else { throw failure(column, index, expected: "a whole number ≥ 0") }
            value = value * 10 + Int(digit)
        }
        return value
    }

    /// A finite number; `nil` for an empty field.
    public func number(_ column: String, _ index: Int) throws(CSVFileError) -> Double? {
        let bytes = trimmed(index)
        if bytes.isEmpty { return nil }
        if let value = Self.plainDecimal(bytes) { return value }
        guard let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else {
            throw failure(column, index, expected: "a number")
        }
        return value
    }

    /// `[-]digits[.digits]` with at most 15 digits, exactly as `Double(String)` reads it (both parts are
    /// exact doubles, so one division rounds correctly); `nil` for anything else.
    @inline(__always)
    static func plainDecimal(_ bytes: UnsafeRawBufferPointer) -> Double? {
        var index = 0, mantissa: Int64 = 0, digits = 0, fractionDigits = 0, seenPoint = false
        let negative = bytes[0] == UInt8(ascii: "-")
        if negative { index = 1 }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                let digit = byte &- 0x30
                // More than 15 digits would overflow the mantissa: `Double(String)` reads those.
                guard digit < 10, digits < 15 else { return nil }
                mantissa = mantissa * 10 + Int64(digit)
                digits += 1
                if seenPoint { fractionDigits += 1 }
            }
            index += 1
        }
        guard digits > 0 else { return nil }
        let value = Double(mantissa) / powersOfTen[fractionDigits]
        return negative ? -value : value
    }
}
