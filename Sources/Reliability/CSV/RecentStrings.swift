/// The numbers of recently seen short strings, so that repeated fields (the rows of the events
/// going on at one time, one class, one area's meters) are numbered without hashing into a big table.
///
/// A small direct-mapped cache: a string of at most 16 bytes has one place, chosen by its bytes,
/// where it is remembered until another string takes that place.
struct RecentStrings {
    private struct Entry {
        var head: (UInt64, UInt64) = (0, 0)
        /// -1: empty.
        var length = -1
        var number: Int32 = 0
    }

    private var entries: [Entry]
    private let shift: UInt64

    /// A cache of `2^log2Count` strings.
    init(log2Count: Int) {
        entries = [Entry](repeating: Entry(), count: 1 << log2Count)
        shift = UInt64(64 - log2Count)
    }

    /// The remembered number of `bytes`, or `nil`.
    @inline(__always)
    func number(of bytes: UnsafeRawBufferPointer) -> Int32? {
        guard bytes.count <= 16 else { return nil }
        let head = ByteStringTable.head(of: bytes)
        let entry = entries[place(head)]
        return entry.length == bytes.count && entry.head == head ? entry.number : nil
    }

    /// Remembers `bytes` (when at most 16 bytes long) as string `number`.
    @inline(__always)
    mutating func remember(_ bytes: UnsafeRawBufferPointer, as number: Int32) {
        guard bytes.count <= 16 else { return }
        let head = ByteStringTable.head(of: bytes)
        entries[place(head)] = Entry(head: head, length: bytes.count, number: number)
    }

    @inline(__always)
    private func place(_ head: (UInt64, UInt64)) -> Int {
        Int(truncatingIfNeeded: ((head.0 ^ head.1 &* 0x9E37_79B9_7F4A_7C15) &* 0xBF58_476D_1CE4_E5B9) >> shift)
    }
}
