import GridWatchCore

/// Parses `YYYY-MM-DDThh:mm:ss±hh:mm` (or `...Z`) times quickly when the date and offset repeat.
///
/// An outage file is written in time order, so nearly every time shares its date, separator and
/// offset with the time before it. Those bytes are remembered with their value (local midnight in
/// Unix seconds, and the offset); a time that repeats them only needs its `hh:mm:ss` checked and read.
/// Anything else goes to `ISO8601Time.parse`, so the result is always exactly what that parser returns.
struct RecentTimeLayout {
    /// Bytes 0-7 and 7-10 (the date and the separator), the bytes from 19 on (the offset), and the
    /// length (-1 until a time has been remembered).
    private var datePrefix: UInt64 = 0, dateTail: UInt32 = 0, offsetBytes: UInt64 = 0, length = -1
    /// Unix seconds of local midnight of the remembered date at the remembered offset.
    private var midnight: Int64 = 0
    private var utcOffsetSeconds = 0

    /// The time in `bytes`, or `nil` when they are not an ISO-8601 time with offset.
    @inline(__always)
    mutating func parse(_ bytes: UnsafeRawBufferPointer) -> OffsetTime? {
        if bytes.count == length, bytes.loadUnaligned(as: UInt64.self) == datePrefix,
           bytes.loadUnaligned(fromByteOffset: 7, as: UInt32.self) == dateTail,
           Self.offsetBytes(bytes) == offsetBytes, let secondOfDay = Self.secondOfDay(bytes) {
            return OffsetTime(unixSeconds: midnight + Int64(secondOfDay), utcOffsetSeconds: utcOffsetSeconds)
        }
        guard let time = ISO8601Time.parse(bytes) else { return nil }
        remember(bytes, time)
        return time
    }

    /// Remembers the date and offset of a parsed time written as `YYYY-MM-DDThh:mm:ss` plus `Z` or `±hh:mm`.
    private mutating func remember(_ bytes: UnsafeRawBufferPointer, _ time: OffsetTime) {
        guard bytes.count == 20 || bytes.count == 25, bytes[19] != UInt8(ascii: "."), bytes[19] != UInt8(ascii: ","),
              let secondOfDay = Self.secondOfDay(bytes)
        else { return }
        datePrefix = bytes.loadUnaligned(as: UInt64.self)
        dateTail = bytes.loadUnaligned(fromByteOffset: 7, as: UInt32.self)
        offsetBytes = Self.offsetBytes(bytes)
        length = bytes.count
        midnight = time.unixSeconds - Int64(secondOfDay)
        utcOffsetSeconds = time.utcOffsetSeconds
    }

    /// Bytes 19 ..< 25 (`±hh:mm`) or byte 19 (`Z`) as one word; the caller has checked the length.
    @inline(__always)
    private static func offsetBytes(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        guard bytes.count == 25 else { return UInt64(bytes[19]) }
        return UInt64(bytes.loadUnaligned(fromByteOffset: 19, as: UInt32.self))
            | UInt64(bytes.loadUnaligned(fromByteOffset: 23, as: UInt16.self)) << 32
    }

    /// `hh:mm:ss` at bytes 11-18 in seconds, checked as `ISO8601Time.parse` checks it; `nil` otherwise.
    @inline(__always)
    private static func secondOfDay(_ bytes: UnsafeRawBufferPointer) -> Int? {
        let zero = UInt8(ascii: "0")
        let h1 = bytes[11] &- zero, h2 = bytes[12] &- zero, m1 = bytes[14] &- zero, m2 = bytes[15] &- zero
        let s1 = bytes[17] &- zero, s2 = bytes[18] &- zero
        guard h1 < 10, h2 < 10, m1 < 10, m2 < 10, s1 < 10, s2 < 10, bytes[13] == UInt8(ascii: ":"),
              bytes[16] == UInt8(ascii: ":")
        else { return nil }
        let hour = Int(h1) * 10 + Int(h2), minute = Int(m1) * 10 + Int(m2), second = Int(s1) * 10 + Int(s2)
        guard hour < 24, minute < 60, second < 60 else { return nil }
        return hour * 3_600 + minute * 60 + second
    }
}
