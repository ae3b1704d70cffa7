import Foundation
import HTTPTypes
import Hummingbird

/// One page of a long list. The body stays the plain JSON array the CLI prints; the total count is in
/// `X-Total-Count` and the next page in a `Link: <...>; rel="next"` header.
struct Page: Sendable {
    static let defaultLimit = 100
    static let maximumLimit = 1000
    static let pagingParameters: Set<String> = ["limit", "offset"]

    var limit: Int
    var offset: Int

    func slice<T>(_ items: [T]) -> ArraySlice<T> {
        items.dropFirst(offset).prefix(limit)
    }

    /// Adds the paging headers for a list of `total` items to `response`.
    func annotate(_ response: inout Response, total: Int, request: Request) {
        response.headers[HTTPField.Name("X-Total-Count")!] = String(total)
        guard offset + limit < total else { return }
        var query = request.uri.queryParameters.filter { $0.key != "offset" && $0.key != "limit" }
            .map { "\($0.key)=\(Self.escape(String($0.value)))" }
        query += ["limit=\(limit)", "offset=\(offset + limit)"]
        response.headers[HTTPField.Name("Link")!] = "<\(request.uri.path)?\(query.joined(separator: "&"))>; rel=\"next\""
    }

    private static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~:"))) ?? text
    }
}
