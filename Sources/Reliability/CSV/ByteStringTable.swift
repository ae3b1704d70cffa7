#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Gives each distinct byte string (meter id, area name, event id, cause) a dense number 0, 1, 2, ...
///
/// An open-addressing hash table over one byte arena: looking up a CSV field costs one hash of its
/// bytes and, usually, one cache line of the table, with no `String` made per row. A slot holds the
/// first 16 bytes of its string, its length, 16 bits of its hash and its number, so strings of up to
/// 16 bytes (meter and event ids) are compared inside the slot without touching the arena: the lookup
/// of 10 million meter ids in a million-meter table is bound by that one memory access. Numbers are
/// handed out in first-seen order. The table grows when it is three quarters full: a reservation made
/// from an estimate then rarely has to grow (and copy tens of megabytes) near its end.
public struct ByteStringTable: Sendable {
    private var arena: [UInt8] = []
    /// `offsets[i] ..< offsets[i + 1]` are the bytes of string `i`.
    private var offsets: [Int] = [0]
    /// Three words per slot: bytes 0-7, bytes 8-15 (zero-padded), then
    /// `hash tag << 48 | min(length, 0xFFFF) << 32 | (number + 1)`; a zero third word is an empty slot.
    private var slots: SlotWords
    private var slotMask: Int

    public init(expectedCount: Int = 16) {
        var size = 16
        while size * 3 < expectedCount * 4 { size <<= 1 }
        slots = SlotWords(count: size * 3)
        slotMask = size - 1
    }

    /// Number of distinct strings.
    public var count: Int { offsets.count - 1 }

    /// The number of `bytes`, adding them if new.
    @inline(__always)
    public mutating func intern(_ bytes: UnsafeRawBufferPointer) -> Int32 { intern(Key(bytes), bytes: bytes) }

    /// The number of the string `key` was made of, adding it if new; `bytes` are that string.
    @inline(__always)
    mutating func intern(_ key: Key, bytes: UnsafeRawBufferPointer) -> Int32 {
        var slot = Int(truncatingIfNeeded: key.hash) & slotMask
        while true {
            let meta = slots.words[slot * 3 + 2]
            if meta == 0 { break }
            if let number = match(slot, meta, key, bytes) { return number }
            slot = (slot + 1) & slotMask
        }
        let number = Int32(count)
        arena.append(contentsOf: bytes)
        offsets.append(arena.count)
        if !isKnownUniquelyReferenced(&slots) { slots = slots.copy() }
        Self.store(key, number: number, at: slot, in: slots.words)
        if count * 4 > (slotMask + 1) * 3 { rehash(slotCount: (slotMask + 1) * 2) }
        return number
    }

    public mutating func intern(_ string: String) -> Int32 {
        var copy = string
        return copy.withUTF8 { intern(UnsafeRawBufferPointer($0)) }
    }

    /// The number of `bytes`, or `nil` when they were never added.
    @inline(__always)
    public func find(_ bytes: UnsafeRawBufferPointer) -> Int32? { find(Key(bytes), bytes: bytes) }

    /// The number of the string `key` was made of; `bytes` are that string (read only beyond 16 bytes).
    /// Finding many prepared keys in a row lets their memory accesses overlap.
    @inline(__always)
    func find(_ key: Key, bytes: UnsafeRawBufferPointer) -> Int32? {
        var slot = Int(truncatingIfNeeded: key.hash) & slotMask
        while true {
            let meta = slots.words[slot * 3 + 2]
            if meta == 0 { return nil }
            if let number = match(slot, meta, key, bytes) { return number }
            slot = (slot + 1) & slotMask
        }
    }

    /// Reads the first slot of each key, all loads independent of each other, so the processor fetches
    /// many cache lines at once and the `find` calls that follow hit the cache. The result only keeps
    /// the loads from being left out.
    @inline(__always)
    func touchSlots(of keys: UnsafeBufferPointer<Key>) -> UInt64 {
        var sum: UInt64 = 0
        for key in keys { sum &+= slots.words[(Int(truncatingIfNeeded: key.hash) & slotMask) * 3 + 2] }
        return sum
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

    /// A string's first 16 bytes, length and hash, as a slot compares them.
    ///
    /// The hash mixes every byte but the last, and adds the last byte's value: strings that differ only
    /// in their last byte (meters M0496880 ... M0496889, numbered along a feeder) get neighbouring
    /// slots. The meters of one interruption event usually sit in one area with close numbers, so
    /// looking them up touches a few cache lines of the table instead of one each.
    struct Key {
        var head: (UInt64, UInt64) = (0, 0)
        let hash: UInt64
        let meta: UInt64

        @inline(__always)
        init(_ bytes: UnsafeRawBufferPointer) {
            head = ByteStringTable.head(of: bytes)
            let count = bytes.count
            var mixed = head
            var last: UInt64 = 0
            if count > 0, count <= 16 {
                let shift = UInt64((count - 1) % 8 * 8)
                if count <= 8 {
                    last = mixed.0 >> shift
                    mixed.0 &= ~(0xFF << shift)
                } else {
                    last = mixed.1 >> shift
                    mixed.1 &= ~(0xFF << shift)
                }
            } else if count > 16 {
                last = UInt64(bytes[count - 1])
            }
            var hash = (0x9E37_79B9_7F4A_7C15 ^ UInt64(count) ^ mixed.0) &* 0xBF58_476D_1CE4_E5B9
            hash = (hash ^ (hash >> 31) ^ mixed.1) &* 0x94D0_49BB_1331_11EB
            var index = 16
            while index + 8 < count {
                hash = (hash ^ (hash >> 29) ^ bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
                index += 8
            }
            while index < count - 1 { hash = (hash ^ UInt64(bytes[index])) &* 0x100_0000_01B3; index += 1 }
            hash = (hash ^ (hash >> 32)) &* 0xD6E8_FEB8_6659_FD93
            hash ^= hash >> 32
            self.hash = hash &+ last
            meta = (hash >> 48) << 48 | UInt64(min(count, 0xFFFF)) << 32
        }
    }

    /// The first 16 bytes of `bytes`, zero-padded, as two little-endian words. Read with whole-word
    /// loads that stay inside `bytes` (a byte-wise copy into the words and reading them back would
    /// stall the processor on every row).
    @inline(__always)
    static func head(of bytes: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
        let count = bytes.count
        if count >= 16 { return (word(bytes, 0), word(bytes, 8)) }
        if count >= 8 { return (word(bytes, 0), word(bytes, count - 8) >> UInt64((16 - count) * 8)) }
        if count >= 4 {
            let low = UInt64(UInt32(littleEndian: bytes.loadUnaligned(as: UInt32.self)))
            let high = UInt64(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)))
            return (low | (high >> UInt64((8 - count) * 8)) << 32, 0)
        }
        var low: UInt64 = 0
        for index in 0..<count { low |= UInt64(bytes[index]) << UInt64(index * 8) }
        return (low, 0)
    }

    @inline(__always)
    private static func word(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// The number in `slot` if its string equals `bytes`.
    @inline(__always)
    private func match(_ slot: Int, _ meta: UInt64, _ key: Key, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        guard meta & 0xFFFF_FFFF_0000_0000 == key.meta, slots.words[slot * 3] == key.head.0,
              slots.words[slot * 3 + 1] == key.head.1
        else {
            return nil
        }
        let number = Int32(truncatingIfNeeded: meta & 0xFFFF_FFFF) - 1
        guard bytes.count > 16 else { return number }
        let start = offsets[Int(number)], length = offsets[Int(number) + 1] - start
        guard length == bytes.count else { return nil }
        let equal = arena.withUnsafeBytes { memcmp($0.baseAddress! + start, bytes.baseAddress!, length) == 0 }
        return equal ? number : nil
    }

    @inline(__always)
    private static func store(_ key: Key, number: Int32, at slot: Int, in words: UnsafeMutablePointer<UInt64>) {
        words[slot * 3] = key.head.0
        words[slot * 3 + 1] = key.head.1
        words[slot * 3 + 2] = key.meta | UInt64(number + 1)
    }

    /// Room for `capacity` strings without growing.
    public mutating func reserveCapacity(_ capacity: Int) {
        var size = slotMask + 1
        while size * 3 < capacity * 4 { size <<= 1 }
        if size > slotMask + 1 { rehash(slotCount: size) }
    }

    private mutating func rehash(slotCount size: Int) {
        let bigger = SlotWords(count: size * 3)
        arena.withUnsafeBytes { stored in
            for index in 0..<count {
                let key = Key(UnsafeRawBufferPointer(rebasing: stored[offsets[index]..<offsets[index + 1]]))
                var slot = Int(truncatingIfNeeded: key.hash) & (size - 1)
                while bigger.words[slot * 3 + 2] != 0 { slot = (slot + 1) & (size - 1) }
                Self.store(key, number: Int32(index), at: slot, in: bigger.words)
            }
        }
        slots = bigger
        slotMask = size - 1
    }
}
