import Hummingbird
import Reliability
import Store

/// An API error sent as an RFC 9457 problem document (`application/problem+json`): a status, a
/// matchable `code` (the document's `type` ends with it) and a message a person can act on.
public struct Problem: HTTPResponseError, Sendable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        let name: String
        public static let invalidParameter = Code(name: "invalid-parameter")
        public static let invalidBody = Code(name: "invalid-body")
        public static let notFound = Code(name: "not-found")
        public static let unauthorized = Code(name: "unauthorized")
        public static let forbidden = Code(name: "forbidden")
        public static let methodNotAllowed = Code(name: "method-not-allowed")
        public static let notReady = Code(name: "not-ready")
        public static let internalError = Code(name: "internal-error")
        public var description: String { name }
    }

    public var code: Code
    public var status: HTTPResponse.Status
    /// What is wrong and what was expected.
    public var detail: String
    /// The parameter at fault, when one is.
    public var parameter: String?

    public init(_ code: Code, status: HTTPResponse.Status, _ detail: String, parameter: String? = nil) {
        self.code = code
        self.status = status
        self.detail = detail
        self.parameter = parameter
    }

    static func invalid(_ parameter: String, _ detail: String) -> Problem {
        Problem(.invalidParameter, status: .badRequest, "\(parameter): \(detail)", parameter: parameter)
    }

    static func notFound(_ detail: String) -> Problem { Problem(.notFound, status: .notFound, detail) }

    public var description: String { "\(status.code) \(code): \(detail)" }

    var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("type", .string("https://gridwatch.invalid/problems/\(code.name)")),
            ("title", .string(status.reasonPhrase)), ("status", .integer(Int64(status.code))), ("detail", .string(detail)),
        ]
        if let parameter { members.append(("parameter", .string(parameter))) }
        return .object(members)
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = Response.json(json, status: status, contentType: "application/problem+json")
        if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer realm=\"gridwatch\"" }
        return response
    }

    /// The problem a thrown error stands for: store errors map to 400/404, anything else to 500.
    static func from(_ error: any Error) -> Problem {
        switch error {
        case let problem as Problem: return problem
        case let error as StoreError where error.code == .unknownDevice || error.code == .unknownRecord:
            return .notFound(error.message)
        case let error as StoreError where error.code == .invalidArgument:
            return Problem(.invalidParameter, status: .badRequest, error.message)
        case let error as HTTPError where error.status == .notFound:
            return .notFound("no such resource; the API is described at /api/v1/openapi.json")
        case let error as HTTPError where error.status == .methodNotAllowed:
            return Problem(.methodNotAllowed, status: .methodNotAllowed, "method not allowed on this resource")
        case let error as HTTPError:
            return Problem(.invalidBody, status: error.status, error.body ?? error.status.reasonPhrase)
        default:
            return Problem(.internalError, status: .internalServerError, "\(error)")
        }
    }
}
