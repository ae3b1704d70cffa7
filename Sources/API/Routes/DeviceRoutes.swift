import GridWatchCore
import Hummingbird
import Reliability
import Store

/// `/devices`, `/devices/{id}` and `/devices/{id}/readings`.
struct DeviceRoutes {
    let environment: APIEnvironment

    /// Raw readings one request may return; longer ranges need `step`.
    static let maximumRawReadings = 50_000

    func add(to group: RouterGroup<APIRequestContext>) {
        group.get("devices") { request, _ in try await list(request) }
        group.get("devices/:id") { _, context in try await device(try context.parameters.require("id")) }
        group.get("devices/:id/readings") { request, context in try await readings(request, id: try context.parameters.require("id")) }
    }

    func list(_ request: Request) async throws -> Response {
        let query = try QueryParameters(request, allowed: Set(["area", "line", "status"]).union(Page.pagingParameters), utcOffsetSeconds: environment.utcOffsetSeconds)
        let area = try query.string("area"), line = try query.string("line")
        let status = try query.string("status").map { text in
            guard let status = DeviceStatus(rawValue: text) else {
                throw Problem.invalid("status", "'\(text)' is not a status, expected one of \(DeviceStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return status
        }
        let page = try query.page()
        let devices = try await environment.store.devices().filter {
            (area == nil || $0.device.area == area) && (line == nil || $0.device.line == line) && (status == nil || $0.status == status)
        }
        let json = environment.json
        var response = Response.json(.array(page.slice(devices).map(json.overview)))
        page.annotate(&response, total: devices.count, request: request)
        return response
    }

    func device(_ id: String) async throws -> Response {
        let store = environment.store, json = environment.json
        let overview = try await store.device(id)
        async let values = store.latestValues(deviceID: id)
        async let errors = store.recentErrors(deviceID: id)
        async let points = store.points(deviceID: id)
        async let flags = store.inputFlags(deviceID: id)
        return .json(.object([
            ("device", json.overview(overview)),
            ("values", .array(try await values.map(json.value))),
            ("recent_errors", .array(try await errors.map(json.error))),
            ("points", .array(try await points.map(JSONValue.string))),
            ("input_flags", .array(try await flags.map(json.inputFlag))),
        ]))
    }

    func readings(_ request: Request, id: String) async throws -> Response {
        let query = try QueryParameters(request, allowed: ["point", "from", "to", "step"], utcOffsetSeconds: environment.utcOffsetSeconds)
        guard let point = try query.string("point") else { throw Problem.invalid("point", "missing, expected a point name such as voltage_a") }
        let range = try query.range()
        let step = try Self.stepMinutes(query.string("step"))
        let store = environment.store
        _ = try await store.device(id)
        let points = try await store.points(deviceID: id)
        guard points.contains(point) else {
            throw Problem.notFound("device '\(id)' has no readings of point '\(point)'; it has \(points.isEmpty ? "none" : points.joined(separator: ", "))")
        }
        let to = range.to.map { $0.unixSeconds * 1000 } ?? environment.nowMillis()
        let from = range.from.map { $0.unixSeconds * 1000 } ?? to - 86_400_000
        guard from < to else { throw Problem.invalid("from", "must be before to (default: now)") }
        let json = environment.json
        if let step {
            let buckets = try await store.aggregatedReadings(deviceID: id, point: point, fromMillis: from, toMillis: to, step: .seconds(60 * step))
            return .json(.array(buckets.map(json.bucket)))
        }
        let readings = try await store.readings(deviceID: id, point: point, fromMillis: from, toMillis: to, limit: Self.maximumRawReadings + 1)
        guard readings.count <= Self.maximumRawReadings else {
            throw Problem.invalid("step", "more than \(Self.maximumRawReadings) raw readings in the range, expected a shorter range or a step such as 15m")
        }
        return .json(.array(readings.map(json.reading)))
    }

    /// `step`: whole minutes as `15`, `15m`, `2h` or `1d`.
    static func stepMinutes(_ text: String?) throws -> Int? {
        guard let text else { return nil }
        let units: [Character: Int] = ["m": 1, "h": 60, "d": 1440]
        let unit = text.last.flatMap { units[$0] }
        let number = unit == nil ? Substring(text) : text.dropLast()
        guard let count = Int(number), count > 0, count <= 366 * 1440 / (unit ?? 1) else {
            throw Problem.invalid("step", "'\(text)' is not a step, expected whole minutes such as 15, 15m, 1h or 1d")
        }
        return count * (unit ?? 1)
    }
}
