/// Gives each distinct byte string (meter id, area name, event id, cause) a dense number 0, 1, 2, ...
///
/// An open-addressing hash table over one byte arena: looking up a CSV field costs one hash of its
/// bytes and one compare, with no `String` made per row. Each slot keeps the upper half of the hash
/// next to the number, so a probe touches the arena only for a likely match. Numbers are handed out
/// in first-seen order.
public struct ByteStringTable: Sendable {
    private var arena: [UInt8] = []
    /// `offsets[i] ..< offsets[i + 1]` are the bytes of string `i`.
    private var offsets: [Int] = [0]
    /// Slot → (hash >> 32) << 32 | (string number + 1); 0 = empty.
    private var slots: [UInt64]

    public init(expectedCount: Int = 16) {
        var size = 16
        while size < expectedCount * 2 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
    }

    /// Number of distinct strings.
    public var count: Int { offsets.count - 1 }

    /// The number of `bytes`, adding them if new.
    @inline(__always)
    public mutating func intern(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        let hash = Self.hash(bytes)
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if let number = match(entry, hash, bytes) { return number }
            slot = (slot + 1) & (slots.count - 1)
        }
        let number = Int32(count)
        arena.append(contentsOf: bytes)
        offsets.append(arena.count)
        slots[slot] = Self.entry(number, hash)
        if count * 2 > slots.count { grow() }
        return number
    }

    public mutating func intern(_ string: String) -> Int32 {
        var copy = string
        return copy.withUTF8 { intern(UnsafeRawBufferPointer($0)) }
    }

    /// The number of `bytes`, or `nil` when they were never added.
    @inline(__always)
    public func find(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        let hash = Self.hash(bytes)
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if let number = match(entry, hash, bytes) { return number }
            slot = (slot + 1) & (slots.count - 1)
        }
    }

    public func find(_ string: String) -> Int32? {
        var copy = string
        return copy.withUTF8 { find(UnsafeRawBufferPointer($0)) }
    }

    /// String number `index`.
    public func string(at index: Int) -> String {
        arena[offsets[index]..<offsets[index + 1]].withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    /// Every string, in number order.
    public var strings: [String] { (0..<count).map(string(at:)) }

    @inline(__always)
    private static func entry(_ number: Int32, _ hash: UInt64) -> UInt64 { hash & 0xFFFF_FFFF_0000_0000 | UInt64(number + 1) }

    /// The number in `entry` if its string equals `bytes`.
    @inline(__always)
    private func match(_ entry: UInt64, _ hash: UInt64, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        guard (entry ^ hash) & 0xFFFF_FFFF_0000_0000 == 0 else { return nil }
        let index = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
        let start = offsets[index], length = offsets[index + 1] - start
        guard length == bytes.count else { return nil }
        let equal = arena.withUnsafeBytes { stored in
            length == 0 || memcmp(stored.baseAddress! + start, bytes.baseAddress!, length) == 0
        }
        return equal ? Int32(index) : nil
    }

    private mutating func grow() {
        var bigger = [UInt64](repeating: 0, count: slots.count * 2)
        arena.withUnsafeBytes { stored in
            for index in 0..<count {
                let bytes = UnsafeRawBufferPointer(rebasing: stored[offsets[index]..<offsets[index + 1]])
                let hash = Self.hash(bytes)
                var slot = Int(truncatingIfNeeded: hash) & (bigger.count - 1)
                while bigger[slot] != 0 { slot = (slot + 1) & (bigger.count - 1) }
                bigger[slot] = Self.entry(Int32(index), hash)
            }
        }
        slots = bigger
    }

    /// 64-bit multiply-xorshift hash over 8-byte words (the tail zero-padded), length mixed in.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var index = 0
        while index + 8 <= bytes.count {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 31
            index += 8
        }
        if index < bytes.count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while index < bytes.count { tail |= UInt64(bytes[index]) << shift; shift += 8; index += 1 }
            hash = (hash ^ tail) &* 0x94D0_49BB_1331_11EB
            hash ^= hash >> 29
        }
        hash = (hash ^ (hash >> 32)) &* 0xD6E8_FEB8_6659_FD93
        return hash ^ (hash >> 32)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
