import GridWatchCore
import Hummingbird
import Reliability
import Store

/// `GET /indices`: the JSON of `gridwatch indices --format json`, with an `ETag` that changes with the
/// records version of the outage snapshot it is computed from (and, for a period reaching past now,
/// every minute as open outages grow).
struct IndexRoutes {
    let environment: APIEnvironment

    func add(to group: RouterGroup<APIRequestContext>) {
        group.get("indices") { request, _ in try await indices(request) }
    }

    func indices(_ request: Request) async throws -> Response {
        let query = try QueryParameters(request, allowed: ["by", "id", "from", "to"], utcOffsetSeconds: environment.utcOffsetSeconds)
        let range = try query.range(required: true)
        let (from, to) = (range.from!, range.to!)
        let levels = try Self.levels(query.string("by") ?? "system")
        let id = try query.string("id")
        let nowSeconds = environment.nowMillis() / 1000
        let snapshot = try await environment.outageTable()
        let clock = to.unixSeconds > nowSeconds ? "-\(nowSeconds / 60)" : ""
        let etag = "\"r\(snapshot.version)\(clock)-\(String(Self.fnv1a(request.uri.query ?? ""), radix: 36))\""
        if request.headers[.ifNoneMatch]?.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag }) == true {
            return Response(status: .notModified, headers: [.eTag: etag])
        }
        let (topology, outages) = (snapshot.topology, snapshot.outages)
        let options = IndexOptions(from: from.unixSeconds, to: to.unixSeconds, utcOffsetSeconds: from.utcOffsetSeconds, asOf: nowSeconds)
        var report = ReliabilityIndexEngine(topology: topology, outages: outages).report(levels: levels, options: options)
        if let id {
            report.groups = report.groups.filter { $0.id == id }
            guard !report.groups.isEmpty else {
                throw Problem.notFound("no \(levels.map(\.rawValue).joined(separator: " or ")) with id '\(id)' in the topology")
            }
        }
        var response = Response.json(report.json(topology: topology, outages: outages))
        response.headers[.eTag] = etag
        response.headers[.cacheControl] = "no-cache"
        return response
    }

    /// A hash of the query that is the same in every process (Swift's `hashValue` is seeded per run).
    static func fnv1a(_ text: String) -> UInt64 {
        text.utf8.reduce(0xcbf2_9ce4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }

    static func levels(_ text: String) throws -> [HierarchyLevel] {
        try text.split(separator: ",").map { name in
            guard let level = HierarchyLevel(rawValue: String(name)), level != .meter else {
                throw Problem.invalid("by", "'\(name)' is not a level, expected area, line, county, region or system (comma-separated)")
            }
            return level
        }
    }
}
