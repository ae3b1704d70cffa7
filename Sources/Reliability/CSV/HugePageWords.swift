#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Zero-filled 64-bit words in a mapping of their own, on transparent huge pages where the system
/// allows them (`madvise` mode, Linux).
///
/// A lookup table of tens of megabytes read at random misses the TLB on nearly every access with
/// 4 KiB pages, and in a virtual machine each miss is a two-level page walk: measured on the 10-million
/// outage benchmark, that walk was most of the time of a meter-id lookup. With 2 MiB pages the table
/// needs a few dozen TLB entries. Shared between copies of a `ByteStringTable`; writers copy it first
/// unless they hold the only reference.
final class HugePageWords: @unchecked Sendable {
    let words: UnsafeMutablePointer<UInt64>
    let count: Int
    private let mapping: UnsafeMutableRawPointer
    private let mappingSize: Int

    private static let hugePage = 2 << 20

    init(count: Int) {
        self.count = count
        let bytes = max(count * 8, 1)
        let huge = bytes >= Self.hugePage
        mappingSize = huge ? (bytes + 2 * Self.hugePage - 1) / Self.hugePage * Self.hugePage : bytes
        guard let mapped = mmap(nil, mappingSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              mapped != MAP_FAILED
        else { fatalError("out of memory: cannot map \(mappingSize) bytes") }
        mapping = mapped
        var start = UInt(bitPattern: mapped)
        if huge {
            start = (start + UInt(Self.hugePage) - 1) / UInt(Self.hugePage) * UInt(Self.hugePage)
            #if os(Linux)
            _ = madvise(UnsafeMutableRawPointer(bitPattern: start), bytes, MADV_HUGEPAGE)
            #endif
        }
        words = UnsafeMutableRawPointer(bitPattern: start)!.bindMemory(to: UInt64.self, capacity: count)
    }

    deinit { munmap(mapping, mappingSize) }

    func copy() -> HugePageWords {
        let copy = HugePageWords(count: count)
        copy.words.update(from: words, count: count)
        return copy
    }
}
