/// The cases of a string enum numbered by the bytes of their raw values, in `allCases` order: a case is
/// read from field bytes without making a `String`.
struct CaseNames<Value: CaseIterable & RawRepresentable & Sendable>: Sendable where Value.RawValue == String {
    let cases = Array(Value.allCases)
    private let names: ByteStringTable

    init() {
        var names = ByteStringTable()
        for value in Value.allCases { _ = names.intern(value.rawValue) }
        self.names = names
    }

    /// The number of the case named by `bytes`, or `nil`.
    @inline(__always)
    func number(of bytes: UnsafeRawBufferPointer) -> Int32? { names.find(bytes) }

    /// The case named by `bytes`, or `nil`.
    @inline(__always)
    func value(of bytes: UnsafeRawBufferPointer) -> Value? { number(of: bytes).map { cases[Int($0)] } }
}
