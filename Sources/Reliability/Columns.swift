/// A column that stores nothing until a row differs from its default: a 10-million-row outage file
/// without `reclose_operations` or `cause` costs no memory for them.
public struct LazyColumn<Value: Equatable & Sendable>: Sendable {
    public let defaultValue: Value
    private var values: [Value] = []
    private var reservedCount = 0
    public private(set) var count = 0

    public init(defaultValue: Value) { self.defaultValue = defaultValue }

    /// True when every row holds the default.
    public var isAllDefault: Bool { values.isEmpty }

    /// Every row's value as an array (shared with the column, not copied, once a row differs).
    public var array: [Value] { values.isEmpty ? [Value](repeating: defaultValue, count: count) : values }

    @inline(__always)
    public subscript(row: Int) -> Value {
        get { values.isEmpty ? defaultValue : values[row] }
        set {
            materialize()
            values[row] = newValue
        }
    }

    @inline(__always)
    public mutating func append(_ value: Value) {
        if values.isEmpty, value == defaultValue { count += 1; return }
        materialize()
        values.append(value)
        count += 1
    }

    /// Room for `capacity` rows once a row differs from the default.
    public mutating func reserveCapacity(_ capacity: Int) {
        reservedCount = capacity
        if !values.isEmpty { values.reserveCapacity(capacity) }
    }

    public mutating func append(contentsOf other: LazyColumn<Value>) {
        if other.isAllDefault, values.isEmpty {
            count += other.count
            return
        }
        for row in 0..<other.count { append(other[row]) }
    }

    private mutating func materialize() {
        guard values.isEmpty else { return }
        values.reserveCapacity(max(reservedCount, count))
        values.append(contentsOf: repeatElement(defaultValue, count: count))
    }
}

/// An optional text column stored as numbers into a table of distinct strings (`-1` = no value).
public struct StringColumn: Sendable {
    public private(set) var table = ByteStringTable()
    public private(set) var numbers = LazyColumn<Int32>(defaultValue: -1)
    /// Strings of the last rows: the rows of one event follow each other closely.
    private var recent = RecentStrings(log2Count: 8)

    public init() {}

    /// The string number of `row`, `-1` when empty.
    @inline(__always)
    public func number(at row: Int) -> Int32 { numbers[row] }

    public subscript(row: Int) -> String? {
        let number = numbers[row]
        return number < 0 ? nil : table.string(at: Int(number))
    }

    /// Appends a value; empty bytes append "no value".
    @inline(__always)
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if bytes.isEmpty { return numbers.append(-1) }
        if let number = recent.number(of: bytes) { return numbers.append(number) }
        let number = table.intern(bytes)
        recent.remember(bytes, as: number)
        numbers.append(number)
    }

    public mutating func append(_ value: String?) {
        numbers.append(value.map { table.intern($0) } ?? -1)
    }

    /// Appends another column's rows, renumbering its strings into this column's table.
    public mutating func append(contentsOf other: StringColumn) {
        let renumbered = (0..<other.table.count).map { table.intern(other.table.string(at: $0)) }
        for row in 0..<other.numbers.count {
            let number = other.numbers[row]
            numbers.append(number < 0 ? -1 : renumbered[Int(number)])
        }
    }

    /// Room for `capacity` rows and `distinct` different strings.
    public mutating func reserveCapacity(_ capacity: Int, distinct: Int = 0) {
        numbers.reserveCapacity(capacity)
        table.reserveCapacity(distinct)
    }

    public mutating func set(_ value: String?, at row: Int) {
        numbers[row] = value.map { table.intern($0) } ?? -1
    }
}
