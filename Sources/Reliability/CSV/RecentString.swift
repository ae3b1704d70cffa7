/// The number of the last short string looked up, so a run of equal fields (the rows of one
/// interruption event, one class) is numbered without hashing or touching a big table.
struct RecentString {
    private var head: (UInt64, UInt64) = (0, 0)
    /// Length of the remembered string; -1 when none is remembered.
    private var length = -1
    private var number: Int32 = 0

    /// The remembered number when `bytes` are the remembered string.
    @inline(__always)
    func number(of bytes: UnsafeRawBufferPointer) -> Int32? {
        guard bytes.count == length else { return nil }
        let head = Self.head(bytes)
        return head == self.head ? number : nil
    }

    /// Remembers `bytes` (when at most 16 bytes long) as string `number`.
    @inline(__always)
    mutating func remember(_ bytes: UnsafeRawBufferPointer, as number: Int32) {
        guard bytes.count <= 16 else { return }
        head = Self.head(bytes)
        length = bytes.count
        self.number = number
    }

    @inline(__always)
    private static func head(_ bytes: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
        var head: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &head) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes.prefix(16))) }
        return head
    }
}
