#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads an RFC 4180 CSV file record by record, straight from the file's bytes.
///
/// Why not a CSV package: the outage file of the benchmark has 10 million rows. Measured on 1 million
/// rows of it (release builds, same machine): SwiftCSV 0.10 (the mirror's CSV package) took 6.5 s of CPU
/// and 616 MB only to split the rows into `String` fields; GridWatch parsed the same rows completely
/// (times, classes, meter lookup) in about 0.3 s of CPU. This reader reads 1 MiB blocks with `read(2)`,
/// hands out each field as a byte slice of its block, unescapes quoted fields in place and never
/// allocates per row. Quoted fields
/// may hold commas, doubled quotes and line breaks; `\n` and `\r\n` both end a record; blank lines are
/// skipped; a row shorter than the header reads as empty trailing fields.
public final class CSVByteReader {
    public let path: String
    /// Most fields a record may have.
    static let maximumFieldCount = 1_024
    /// Line (1-based) on which the current record starts.
    @exclusivity(unchecked) public private(set) var line = 0

    // Hot state: read for every field of every row; no other code touches it while a record is parsed,
    // so the run-time exclusivity checks of class properties are switched off.
    let descriptor: Int32
    @exclusivity(unchecked) private var buffer: UnsafeMutableRawPointer
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private var filled = 0
    @exclusivity(unchecked) private var position = 0
    @exclusivity(unchecked) private var atEndOfFile = false
    @exclusivity(unchecked) private var nextLine = 1
    private let fieldStarts = UnsafeMutablePointer<Int>.allocate(capacity: CSVByteReader.maximumFieldCount)
    private let fieldEnds = UnsafeMutablePointer<Int>.allocate(capacity: CSVByteReader.maximumFieldCount)
    @exclusivity(unchecked) private(set) var fieldCount = 0
    /// File offset of `buffer[0]`.
    @exclusivity(unchecked) private var bufferFileOffset: Int64
    /// No record starting at or after this file offset is read.
    let limit: Int64

    /// A reader of the records that start in `start ..< limit` of the file; `start` must be the start of
    /// a record (0, or just after a line break outside quotes). Lines are counted from `start`.
    public init(path: String, start: Int64 = 0, limit: Int64 = .max, blockSize: Int = 1 << 20) throws(CSVFileError) {
        self.path = path
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw CSVFileError(.unreadable, file: path, line: 0, "cannot open the file (\(String(cString: strerror(errno)))), expected a readable CSV file")
        }
        if start > 0 { lseek(descriptor, off_t(start), SEEK_SET) }
        bufferFileOffset = start
        self.limit = limit
        capacity = blockSize
        buffer = UnsafeMutableRawPointer.allocate(byteCount: blockSize, alignment: 8)
    }

    /// File offset just after the current record: where the next one starts.
    var fileOffset: Int64 { bufferFileOffset + Int64(position) }

    /// Lines read so far (the last record's line breaks included).
    var linesRead: Int { nextLine - 1 }

    deinit {
        close(descriptor)
        buffer.deallocate()
        fieldStarts.deallocate()
        fieldEnds.deallocate()
    }

    /// The bytes of field `index` of the current record; empty when the record has fewer fields.
    @inline(__always)
    public func field(_ index: Int) -> UnsafeRawBufferPointer {
        guard index >= 0, index < fieldCount else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: buffer + fieldStarts[index], count: fieldEnds[index] - fieldStarts[index])
    }

    /// Field `index` as a `String` (for messages and for columns read once per file).
    public func string(_ index: Int) -> String { String(decoding: field(index), as: UTF8.self) }

    /// Moves to the next non-blank record; `false` at the end of the file.
    public func nextRecord() throws(CSVFileError) -> Bool {
        while true {
            if bufferFileOffset + Int64(position) >= limit { return false }
            switch try scanRecord() {
            case .record: return true
            case .blank: continue
            case .endOfFile: return false
            case .needMoreBytes: try refill()
            }
        }
    }

    /// Reads the header record: column names, trimmed, with a UTF-8 byte-order mark removed.
    public func readHeader() throws(CSVFileError) -> CSVHeader {
        guard try nextRecord() else {
            throw CSVFileError(.missingColumn, file: path, line: 1, "the file is empty, expected a header row")
        }
        var names: [String] = []
        for index in 0..<fieldCount {
            var name = string(index)
            if index == 0, name.hasPrefix("\u{FEFF}") { name.removeFirst() }
            names.append(name.trimmingASCIISpaces())
        }
        return CSVHeader(file: path, names: names)
    }

    // MARK: - Scanning

    private enum ScanResult { case record, blank, endOfFile, needMoreBytes }

    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"),
        carriageReturn = UInt8(ascii: "\r")

    /// Scans one record from `position`; commits (moves `position`, unescapes) only when it is complete.
    private func scanRecord() throws(CSVFileError) -> ScanResult {
        let bytes = buffer.assumingMemoryBound(to: UInt8.self)
        let filled = filled, atEndOfFile = atEndOfFile
        if position >= filled { return atEndOfFile ? .endOfFile : .needMoreBytes }
        var cursor = position
        var count = 0
        var linesInside = 0
        var escapedFields: [Int] = []
        var firstFieldQuoted = false
        while true {
            guard count < Self.maximumFieldCount else {
                throw CSVFileError(.badValue, file: path, line: nextLine, "more than \(Self.maximumFieldCount) fields, expected fewer columns")
            }
            if cursor < filled, bytes[cursor] == Self.quote {
                if count == 0 { firstFieldQuoted = true }
                let contentStart = cursor + 1
                var scan = contentStart
                var escaped = false
                while true {
                    while scan < filled, bytes[scan] != Self.quote {
                        if bytes[scan] == Self.newline { linesInside += 1 }
                        scan += 1
                    }
                    if scan >= filled {
                        if atEndOfFile {
                            throw CSVFileError(.badQuoting, file: path, line: nextLine, "a quoted field is not closed, expected a closing \"")
                        }
                        return .needMoreBytes
                    }
                    if scan + 1 < filled, bytes[scan + 1] == Self.quote { escaped = true; scan += 2; continue }
                    if scan + 1 >= filled, !atEndOfFile { return .needMoreBytes }
                    break
                }
                fieldStarts[count] = contentStart
                fieldEnds[count] = scan
                if escaped { escapedFields.append(count) }
                cursor = scan + 1
                if cursor < filled, bytes[cursor] != Self.comma, bytes[cursor] != Self.newline,
                   bytes[cursor] != Self.carriageReturn {
                    throw CSVFileError(.badQuoting, file: path, line: nextLine, "text follows a closing quote, expected a comma or the end of the line")
                }
            } else {
                let fieldStart = cursor
                cursor = Self.fieldEnd(bytes, from: cursor, filled: filled)
                if cursor >= filled, !atEndOfFile { return .needMoreBytes }
                fieldStarts[count] = fieldStart
                fieldEnds[count] = cursor
            }
            count += 1
            if cursor < filled, bytes[cursor] == Self.comma { cursor += 1; continue }
            // End of record: `\n`, `\r\n`, a lone `\r`, or the end of the file.
            if cursor < filled, bytes[cursor] == Self.carriageReturn {
                if cursor + 1 >= filled, !atEndOfFile { return .needMoreBytes }
                cursor += 1
            }
            if cursor < filled, bytes[cursor] == Self.newline { cursor += 1 }
            break
        }
        position = cursor
        line = nextLine
        nextLine += 1 + linesInside
        fieldCount = count
        if count == 1, fieldEnds[0] == fieldStarts[0], !firstFieldQuoted { return .blank }
        for index in escapedFields { unescapeInPlace(index) }
        return .record
    }

    /// The first comma or line break at or after `from` (`filled` if none): eight bytes at a time while
    /// eight remain, testing each byte of a word against the three delimiters at once.
    @inline(__always)
    private static func fieldEnd(_ bytes: UnsafeMutablePointer<UInt8>, from: Int, filled: Int) -> Int {
        var cursor = from
        while cursor + 8 <= filled {
            let word = UInt64(littleEndian: UnsafeRawPointer(bytes + cursor).loadUnaligned(as: UInt64.self))
            let found = zeroBytes(word ^ (bytesOf * UInt64(comma))) | zeroBytes(word ^ (bytesOf * UInt64(newline)))
                | zeroBytes(word ^ (bytesOf * UInt64(carriageReturn)))
            if found != 0 { return cursor + found.trailingZeroBitCount >> 3 }
            cursor += 8
        }
        while cursor < filled {
            let byte = bytes[cursor]
            if byte == comma || byte == newline || byte == carriageReturn { break }
            cursor += 1
        }
        return cursor
    }

    private static let bytesOf: UInt64 = 0x0101_0101_0101_0101

    /// The high bit of each zero byte of `word`; a byte above a zero byte may be marked too, so only the
    /// lowest mark is exact.
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- bytesOf) & ~word & 0x8080_8080_8080_8080
    }

    /// Turns each `""` of a quoted field into `"`, shortening the field in its block.
    private func unescapeInPlace(_ index: Int) {
        let bytes = buffer.assumingMemoryBound(to: UInt8.self)
        var read = fieldStarts[index], write = fieldStarts[index]
        while read < fieldEnds[index] {
            bytes[write] = bytes[read]
            read += bytes[read] == Self.quote ? 2 : 1
            write += 1
        }
        fieldEnds[index] = write
    }

    /// Keeps the unread tail, grows the block if one record fills it, and reads more of the file.
    private func refill() throws(CSVFileError) {
        let tail = filled - position
        bufferFileOffset += Int64(position)
        if position > 0 {
            buffer.copyMemory(from: buffer + position, byteCount: tail)
        } else if tail == capacity {
            let bigger = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 8)
            bigger.copyMemory(from: buffer, byteCount: tail)
            buffer.deallocate()
            buffer = bigger
            capacity *= 2
        }
        filled = tail
        position = 0
        while filled < capacity {
            let got = read(descriptor, buffer + filled, capacity - filled)
            if got < 0 {
                if errno == EINTR { continue }
                throw CSVFileError(.unreadable, file: path, line: nextLine, "read failed (\(String(cString: strerror(errno)))), expected a readable file")
            }
            if got == 0 { atEndOfFile = true; break }
            filled += got
        }
    }
}

extension String {
    func trimmingASCIISpaces() -> String {
        var slice = Substring(self)
        while slice.first == " " || slice.first == "\t" { slice.removeFirst() }
        while slice.last == " " || slice.last == "\t" { slice.removeLast() }
        return String(slice)
    }
}
