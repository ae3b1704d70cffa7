import GridWatchCore
import Hummingbird
import Reliability
import Store

/// `GET /frequent-outages?year=`: the frequent-outage status per line and area from the stored records
/// and the violations the rule engine keeps: meters, outage records of the year, meters with a
/// `frequent` or `warning` violation in the year, open and cleared problems of the line or area itself,
/// remediation notes. Keys are the columns of `gridwatch report frequent-outages`.
struct FrequentOutageRoutes {
    let environment: APIEnvironment

    func add(to group: RouterGroup<APIRequestContext>) {
        group.get("frequent-outages") { request, _ in try await status(request) }
    }

    func status(_ request: Request) async throws -> Response {
        let offset = environment.utcOffsetSeconds
        let query = try QueryParameters(request, allowed: ["year"], utcOffsetSeconds: offset)
        let today = CivilDate(daysSinceEpoch: ISO8601Time.localDay(unixSeconds: environment.nowMillis() / 1000, utcOffsetSeconds: offset))
        let year = try query.int("year", in: 1970...9999) ?? today.year
        let from = CivilDate(year: year, month: 1, day: 1).daysSinceEpoch * 86_400 - Int64(offset)
        let to = CivilDate(year: year + 1, month: 1, day: 1).daysSinceEpoch * 86_400 - Int64(offset)
        let snapshot = try await environment.outageTable()
        let (topology, outages) = (snapshot.topology, snapshot.outages)
        let violations = try await environment.store.violations().filter { violation in
            violation.finding.windowTo >= from && violation.finding.windowFrom < to
                && (violation.closedMillis.map { $0 / 1000 >= from } ?? true)
        }
        var outagesOfMeter = [Int](repeating: 0, count: topology.meterCount)
        for row in 0..<outages.count where outages.start[row] >= from && outages.start[row] < to { outagesOfMeter[Int(outages.meter[row])] += 1 }
        var meterLevels: [String: Set<String>] = [:]
        for violation in violations where violation.finding.entity == "meter" {
            meterLevels[violation.finding.entityID, default: []].insert(violation.finding.level)
        }
        var rows: [JSONValue] = []
        for (entity, grouping) in [("line", topology.lines), ("area", topology.areas)] {
            var meters = [Int](repeating: 0, count: grouping.count), records = meters, frequent = meters, warned = meters
            var lineOfGroup = [String?](repeating: nil, count: grouping.count)
            for meter in 0..<topology.meterCount {
                let group = Int(grouping.groupOfMeter[meter])
                if lineOfGroup[group] == nil { lineOfGroup[group] = topology.lines.names[Int(topology.lines.groupOfMeter[meter])] }
                meters[group] += 1
                records[group] += outagesOfMeter[meter]
                let levels = meterLevels[topology.meterID(at: meter)] ?? []
                if levels.contains("frequent") { frequent[group] += 1 }
                if levels.contains("warning") { warned[group] += 1 }
            }
            for (group, name) in grouping.names.enumerated() {
                let problems = violations.filter { $0.finding.entity == entity && $0.finding.entityID == name && $0.finding.level == "frequent" }
                rows.append(.object([
                    ("level", .string(entity)), ("id", .string(name)), ("line", .string(lineOfGroup[group] ?? "")),
                    ("meters", .integer(Int64(meters[group]))), ("outages", .integer(Int64(records[group]))),
                    ("frequent_meters", .integer(Int64(frequent[group]))), ("warned_meters", .integer(Int64(warned[group]))),
                    ("open_problems", .integer(Int64(problems.filter(\.isOpen).count))),
                    ("cleared_problems", .integer(Int64(problems.filter { !$0.isOpen }.count))),
                    ("notes", .array(problems.compactMap(\.remediationNote).map(JSONValue.string))),
                ]))
            }
        }
        return .json(.object([("year", .integer(Int64(year))), ("rows", .array(rows))]))
    }
}
