import Foundation
import GridWatchCore
import Hummingbird
import Reliability
import Store

/// `/outages`, `/events/{id}` and `POST /events/{id}/annotation`.
struct OutageRoutes {
    let environment: APIEnvironment

    func add(to group: RouterGroup<APIRequestContext>) {
        group.get("outages") { request, _ in try await list(request) }
        group.get("events/:id") { _, context in try await event(try context.parameters.require("id")) }
        group.post("events/:id/annotation") { request, context in try await annotate(request, id: try context.parameters.require("id")) }
    }

    func list(_ request: Request) async throws -> Response {
        let query = try QueryParameters(
            request, allowed: Set(["meter", "area", "line", "from", "to", "open"]).union(Page.pagingParameters),
            utcOffsetSeconds: environment.utcOffsetSeconds)
        let range = try query.range()
        let meter = try query.string("meter"), area = try query.string("area"), line = try query.string("line")
        let openOnly = try query.bool("open") ?? false
        let page = try query.page()
        let topology = try await environment.outageTable().topology
        if let meter, topology.meterIndex(of: meter) == nil { throw Problem.invalid("meter", "'\(meter)' is not a meter of the topology") }
        if let area, !topology.areas.names.contains(area) { throw Problem.invalid("area", "'\(area)' is not an area of the topology") }
        if let line, !topology.lines.names.contains(line) { throw Problem.invalid("line", "'\(line)' is not a line of the topology") }
        let outages = try await environment.store.outages(OutageQuery(
            meterID: meter, area: area, line: line, from: range.from?.unixSeconds, to: range.to?.unixSeconds,
            timeMatch: .overlapping, openOnly: openOnly))
        let asOf = environment.nowMillis() / 1000, json = environment.json
        var response = Response.json(.array(page.slice(outages).map { json.outage($0, asOf: asOf) }))
        page.annotate(&response, total: outages.count, request: request)
        return response
    }

    func event(_ id: String) async throws -> Response {
        let store = environment.store, json = environment.json
        let (event, outages) = try await store.event(id: id)
        let annotations = try await store.eventAnnotations(id: id)
        let asOf = environment.nowMillis() / 1000
        return .json(.object(json.event(event) + [
            ("outages", .array(outages.map { json.outage($0, asOf: asOf) })),
            ("annotations", .array(annotations.map { json.annotation(timeMillis: $0.timeMillis, $0.annotation) })),
        ]))
    }

    func annotate(_ request: Request, id: String) async throws -> Response {
        let body = try await JSONBody(request, allowed: ["class", "cause", "cause_code", "work_order", "author"])
        let annotation = EventAnnotation(
            outageClass: try body.string("class").map { text in
                guard let value = OutageClass(rawValue: text) else {
                    throw Problem(.invalidBody, status: .badRequest,
                                  "class: '\(text)' is not an outage class, expected one of \(OutageClass.allCases.map(\.rawValue).joined(separator: ", "))",
                                  parameter: "class")
                }
                return value
            },
            cause: try body.string("cause"), causeCode: try body.string("cause_code"), workOrder: try body.string("work_order"),
            author: try body.string("author"))
        guard annotation.outageClass != nil || annotation.cause != nil || annotation.causeCode != nil || annotation.workOrder != nil else {
            throw Problem(.invalidBody, status: .badRequest, "nothing to annotate, expected at least one of class, cause, cause_code, work_order")
        }
        try await environment.store.annotateEvent(id: id, annotation, at: environment.nowMillis())
        return try await event(id)
    }
}
