import NIOCore
import PostgresNIO
import Store

/// One column of a batch of rows, sent as a single PostgreSQL array parameter, so that a batch is
/// `INSERT ... SELECT * FROM unnest($1, $2, ...)`: one parameter a column instead of one a value (a
/// statement of thousands of parameters costs more to parse and plan than to execute).
///
/// The array's element type follows the values: `text` when any is text, `double precision` when any
/// is real, `bigint` otherwise; PostgreSQL converts to the column's own type on assignment.
struct ForwardColumn: PostgresDynamicTypeEncodable {
    private enum Element {
        case text, double, bigint

        var arrayType: PostgresDataType {
            switch self {
            case .text: .textArray
            case .double: .float8Array
            case .bigint: .int8Array
            }
        }

        var type: PostgresDataType {
            switch self {
            case .text: .text
            case .double: .float8
            case .bigint: .int8
            }
        }
    }

    private let values: [ForwardValue]
    private let element: Element

    /// `nil` when every value is NULL: the column is left out of the INSERT, so it takes NULL anyway,
    /// and no element type has to be guessed for it.
    init?(_ values: [ForwardValue]) {
        var element: Element?
        for value in values {
            switch value {
            case .null: continue
            case .text: element = .text
            case .real: if element != .text { element = .double }
            case .integer: if element == nil { element = .bigint }
            }
            if element == .text { break }
        }
        guard let element else { return nil }
        self.values = values
        self.element = element
    }

    /// A text column (keys).
    init(texts: [String]) {
        values = texts.map(ForwardValue.text)
        element = .text
    }

    var psqlType: PostgresDataType { element.arrayType }
    var psqlFormat: PostgresFormat { .binary }

    /// PostgreSQL's binary array format: dimensions, has-NULL flag, element type, length and lower
    /// bound, then each element as its byte count (-1 for NULL) and its binary value.
    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        buffer.writeInteger(1, as: Int32.self)
        buffer.writeInteger(values.contains(.null) ? 1 : 0, as: Int32.self)
        buffer.writeInteger(element.type.rawValue)
        buffer.writeInteger(Int32(values.count))
        buffer.writeInteger(1, as: Int32.self)
        for value in values {
            switch (value, element) {
            case (.null, _):
                buffer.writeInteger(-1, as: Int32.self)
            case (.integer(let v), .bigint):
                buffer.writeInteger(8, as: Int32.self)
                buffer.writeInteger(v)
            case (.integer(let v), .double):
                writeDouble(Double(v), into: &buffer)
            case (.real(let v), _):
                element == .text ? writeText(String(v), into: &buffer) : writeDouble(v, into: &buffer)
            case (.integer(let v), .text):
                writeText(String(v), into: &buffer)
            case (.text(let v), _):
                writeText(v, into: &buffer)
            }
        }
    }

    private func writeDouble(_ value: Double, into buffer: inout ByteBuffer) {
        buffer.writeInteger(8, as: Int32.self)
        buffer.writeInteger(value.bitPattern)
    }

    private func writeText(_ value: String, into buffer: inout ByteBuffer) {
        let lengthIndex = buffer.writerIndex
        buffer.writeInteger(0, as: Int32.self)
        let written = buffer.writeString(value)
        buffer.setInteger(Int32(written), at: lengthIndex)
    }
}
