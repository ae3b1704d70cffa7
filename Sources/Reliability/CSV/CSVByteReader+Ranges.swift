#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `ChunkedCSVLoad` needs to cut a file into ranges of whole lines.
extension CSVByteReader {
    /// Records still to come (2 % more) up to the end of the range, or of the file with
    /// `toEndOfFile`, estimated from the mean length of the `recordsRead` records read since file
    /// offset `offset`.
    func estimatedRemainingRecords(recordsRead: Int, since offset: Int64, toEndOfFile: Bool = false) -> Int {
        let remainingBytes = (toEndOfFile ? fileSize() : min(limit, fileSize())) - fileOffset
        let bytesPerRecord = Double(fileOffset - offset) / Double(max(recordsRead, 1))
        return bytesPerRecord > 0 ? Int(Double(remainingBytes) / bytesPerRecord * 1.02) : 0
    }

    /// The size of the file in bytes.
    func fileSize() -> Int64 {
        var status = stat()
        return fstat(descriptor, &status) == 0 ? Int64(status.st_size) : 0
    }

    /// The offset just after the first line break at or after `offset` (the file size if there is none).
    func lineStart(atOrAfter offset: Int64) -> Int64 {
        var chunk = [UInt8](repeating: 0, count: 4_096)
        var at = offset
        while true {
            let got = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(at)) }
            guard got > 0 else { return fileSize() }
            if let index = chunk[..<got].firstIndex(of: UInt8(ascii: "\n")) { return at + Int64(index) + 1 }
            at += Int64(got)
        }
    }
}
