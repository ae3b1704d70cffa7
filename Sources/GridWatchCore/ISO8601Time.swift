/// An instant (Unix seconds, UTC) together with the UTC offset it was written in.
public struct OffsetTime: Sendable, Hashable {
    public var unixSeconds: Int64
    /// Local time minus UTC, in seconds (`+08:00` is 28 800).
    public var utcOffsetSeconds: Int

    public init(unixSeconds: Int64, utcOffsetSeconds: Int) {
        self.unixSeconds = unixSeconds
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// The local calendar day (days since 1970-01-01) this instant falls on at its offset.
    public var localDay: Int64 { ISO8601Time.localDay(unixSeconds: unixSeconds, utcOffsetSeconds: utcOffsetSeconds) }
}

/// ISO-8601 / RFC 3339 times with an explicit offset, parsed straight from bytes.
///
/// Accepted: `YYYY-MM-DD(T| )hh:mm[:ss[.fraction]](Z|z|±hh[:mm]|±hhmm)`. Fractions of a second are
/// dropped (outage times are whole seconds). Foundation's `ISO8601DateFormatter` is far too slow for
/// the 20 million times of a 10-million-row outage file, and it forgets the offset.
public enum ISO8601Time {
    /// Parses a time with offset; `nil` when the text is not one.
    public static func parse(_ text: String) -> OffsetTime? {
        var copy = text
        return copy.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// Parses a time with offset from UTF-8 bytes; `nil` when they are not one.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> OffsetTime? {
        guard bytes.count >= 17, let date = parseDate(bytes, prefix: 10),
              bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t") || bytes[10] == UInt8(ascii: " "),
              let hour = twoDigits(bytes, 11), bytes[13] == UInt8(ascii: ":"), let minute = twoDigits(bytes, 14),
              hour < 24, minute < 60
        else { return nil }
        var index = 16
        var second = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            guard let value = twoDigits(bytes, index + 1), value < 60 else { return nil }
            second = value
            index += 3
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
                index += 1
                let fractionStart = index
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
                guard index > fractionStart else { return nil }
            }
        }
        guard let offset = parseOffset(bytes, from: index) else { return nil }
        let localSeconds = date.daysSinceEpoch * 86_400 + Int64(hour * 3_600 + minute * 60 + second)
        return OffsetTime(unixSeconds: localSeconds - Int64(offset), utcOffsetSeconds: offset)
    }

    /// Parses `YYYY-MM-DD` (exactly those ten bytes).
    public static func parseDate(_ bytes: UnsafeRawBufferPointer) -> CivilDate? {
        bytes.count == 10 ? parseDate(bytes, prefix: 10) : nil
    }

    /// `YYYY-MM-DDThh:mm:ss±hh:mm` (or `Z` for offset 0).
    public static func format(unixSeconds: Int64, utcOffsetSeconds: Int) -> String {
        let local = unixSeconds + Int64(utcOffsetSeconds)
        let day = floorDivide(local, 86_400)
        let secondOfDay = Int(local - day * 86_400)
        let date = CivilDate(daysSinceEpoch: day)
        var text = date.description + "T" + pad2(secondOfDay / 3_600) + ":" + pad2(secondOfDay / 60 % 60)
            + ":" + pad2(secondOfDay % 60)
        if utcOffsetSeconds == 0 { return text + "Z" }
        let magnitude = abs(utcOffsetSeconds)
        text += (utcOffsetSeconds < 0 ? "-" : "+") + pad2(magnitude / 3_600) + ":" + pad2(magnitude / 60 % 60)
        return text
    }

    /// The local day (days since 1970-01-01) of an instant at an offset.
    @inline(__always)
    public static func localDay(unixSeconds: Int64, utcOffsetSeconds: Int) -> Int64 {
        floorDivide(unixSeconds + Int64(utcOffsetSeconds), 86_400)
    }

    @inline(__always)
    public static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    // MARK: - Pieces

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    @inline(__always)
    private static func twoDigits(_ bytes: UnsafeRawBufferPointer, _ at: Int) -> Int? {
        guard at + 1 < bytes.count else { return nil }
        let high = bytes[at] &- UInt8(ascii: "0"), low = bytes[at + 1] &- UInt8(ascii: "0")
        guard high < 10, low < 10 else { return nil }
        return Int(high) * 10 + Int(low)
    }

    private static func parseDate(_ bytes: UnsafeRawBufferPointer, prefix: Int) -> CivilDate? {
        guard bytes.count >= prefix, let century = twoDigits(bytes, 0), let yearInCentury = twoDigits(bytes, 2),
              bytes[4] == UInt8(ascii: "-"), let month = twoDigits(bytes, 5), bytes[7] == UInt8(ascii: "-"),
              let day = twoDigits(bytes, 8)
        else { return nil }
        let date = CivilDate(year: century * 100 + yearInCentury, month: month, day: day)
        return date.isValid ? date : nil
    }

    private static func parseOffset(_ bytes: UnsafeRawBufferPointer, from index: Int) -> Int? {
        let remaining = bytes.count - index
        guard remaining >= 1 else { return nil }
        let sign = bytes[index]
        if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") { return remaining == 1 ? 0 : nil }
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), let hours = twoDigits(bytes, index + 1),
              hours <= 23
        else { return nil }
        var minutes = 0
        switch remaining {
        case 3: break
        case 5: guard let value = twoDigits(bytes, index + 3) else { return nil }; minutes = value
        case 6:
            guard bytes[index + 3] == UInt8(ascii: ":"), let value = twoDigits(bytes, index + 4) else { return nil }
            minutes = value
        default: return nil
        }
        guard minutes < 60 else { return nil }
        let seconds = hours * 3_600 + minutes * 60
        return sign == UInt8(ascii: "-") ? -seconds : seconds
    }

    private static func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
