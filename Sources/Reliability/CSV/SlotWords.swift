#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Zero-filled 64-bit words in a mapping of their own: the slots of a `ByteStringTable`, shared
/// between copies of the table; writers copy them first unless they hold the only reference.
///
/// Huge pages (`MADV_HUGEPAGE`) were tried for these tables and dropped: on the 10-million-outage
/// benchmark, once ids with close numbers share cache lines, zeroing 2 MiB pages cost more CPU time
/// (about 0.2 s of 4.4 s) than the fewer TLB misses saved.
final class SlotWords: @unchecked Sendable {
    let words: UnsafeMutablePointer<UInt64>
    let count: Int
    private let mapping: UnsafeMutableRawPointer
    private let mappingSize: Int

    init(count: Int) {
        self.count = count
        mappingSize = max(count * 8, 1)
        guard let mapped = mmap(nil, mappingSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              mapped != MAP_FAILED
        else { fatalError("out of memory: cannot map \(mappingSize) bytes") }
        mapping = mapped
        words = mapped.bindMemory(to: UInt64.self, capacity: count)
    }

    deinit { munmap(mapping, mappingSize) }

    func copy() -> SlotWords {
        let copy = SlotWords(count: count)
        copy.words.update(from: words, count: count)
        return copy
    }
}
