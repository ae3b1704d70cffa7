import PostgresNIO

/// A row whose cells are one-dimensional arrays in PostgreSQL's binary format, all of one length, as
/// `SELECT array_agg(a), array_agg(b), ...` returns many rows in one. Elements are read straight from
/// the bytes: a row costs one message, not one message and a decoded cell per field.
struct BinaryArrayRow {
    /// Every cell's bytes, one after another.
    private let bytes: [UInt8]
    /// Where each cell's first element starts in `bytes`.
    private let elementStarts: [Int]
    /// Elements in each array.
    let count: Int

    init(_ row: PostgresRow) throws(FleetError) {
        var bytes: [UInt8] = [], cellRanges: [Range<Int>] = []
        for cell in row {
            let lower = bytes.count
            if let buffer = cell.bytes { bytes.append(contentsOf: buffer.readableBytesView) }
            cellRanges.append(lower..<bytes.count)
        }
        var count: Int?, elementStarts: [Int] = []
        for range in cellRanges {
            // An empty cell is NULL (array_agg of no rows): no elements.
            let (length, start) = range.isEmpty ? (0, range.lowerBound) : try Self.header(bytes, range)
            guard count == nil || count == length else {
                throw FleetError(.centralFailed, "the central database returned arrays of different lengths (\(count!) and \(length))")
            }
            count = length
            elementStarts.append(start)
        }
        self.bytes = bytes
        self.elementStarts = elementStarts
        self.count = count ?? 0
    }

    /// The element count and first element's offset of the array in `bytes[range]`
    /// (header: dimensions, has-nulls flag, element type, then size and lower bound per dimension).
    private static func header(_ bytes: [UInt8], _ range: Range<Int>) throws(FleetError) -> (count: Int, start: Int) {
        func int32(_ offset: Int) -> Int { Int(Int32(bitPattern: bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) })) }
        guard range.count >= 12 else { throw FleetError(.centralFailed, "the central database returned a malformed array") }
        switch int32(range.lowerBound) {
        case 0: return (0, range.lowerBound + 12)
        case 1 where range.count >= 20: return (int32(range.lowerBound + 12), range.lowerBound + 20)
        default: throw FleetError(.centralFailed, "the central database returned an array that is not one-dimensional")
        }
    }

    /// Calls `body` with a cursor on each cell's elements, in column order.
    func withElements<R>(_ body: (inout [ArrayElements]) throws -> R) throws -> R {
        try bytes.withUnsafeBytes { raw in
            var cursors = elementStarts.map { ArrayElements(bytes: raw, offset: $0) }
            return try body(&cursors)
        }
    }
}

/// Reads the elements of one binary array in turn: each is a 4-byte big-endian length (-1 for NULL)
/// and that many bytes. An element reaching past the row's bytes traps.
struct ArrayElements {
    let bytes: UnsafeRawBufferPointer
    var offset: Int

    /// The next element's bytes, `nil` for NULL.
    @inline(__always)
    mutating func next() -> UnsafeRawBufferPointer? {
        let length = Int(Int32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)))
        offset += 4
        guard length >= 0 else { return nil }
        precondition(offset + length <= bytes.count, "array element beyond the row")
        let element = UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length])
        offset += length
        return element
    }

    /// The next text element's bytes; empty for NULL.
    @inline(__always)
    mutating func text() -> UnsafeRawBufferPointer { next() ?? UnsafeRawBufferPointer(start: nil, count: 0) }

    /// The next `int4` or `int8` element.
    @inline(__always)
    mutating func integer() -> Int64? {
        guard let element = next() else { return nil }
        return element.count == 8
            ? Int64(bigEndian: element.loadUnaligned(as: Int64.self))
            : Int64(Int32(bigEndian: element.loadUnaligned(as: Int32.self)))
    }

    /// The next `float8` element.
    @inline(__always)
    mutating func double() -> Double? {
        next().map { Double(bitPattern: UInt64(bigEndian: $0.loadUnaligned(as: UInt64.self))) }
    }
}
