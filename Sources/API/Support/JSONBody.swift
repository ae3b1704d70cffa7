import Foundation
import Hummingbird

/// A request's JSON object body, read key by key; unknown keys and values of the wrong type are a 400.
struct JSONBody {
    static let maximumBytes = 64 * 1024
    private let object: [String: Any]

    init(_ request: Request, allowed: Set<String>) async throws {
        let buffer = try await request.body.collect(upTo: Self.maximumBytes)
        let data = Data(buffer.readableBytesView)
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw Problem(.invalidBody, status: .badRequest, "the body is not a JSON object, expected {\(allowed.sorted().map { "\"\($0)\": ..." }.joined(separator: ", "))}")
        }
        if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw Problem(.invalidBody, status: .badRequest, "\(unknown): unknown key, expected one of \(allowed.sorted().joined(separator: ", "))", parameter: unknown)
        }
        self.object = object
    }

    func string(_ key: String) throws -> String? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let text = value as? String, !text.isEmpty else {
            throw Problem(.invalidBody, status: .badRequest, "\(key): expected a non-empty string", parameter: key)
        }
        return text
    }
}
