import ArgumentParser
import GridWatchCore
import Reliability

/// Selects outage records and writes them as JSON objects, CSV rows or a table.
struct OutageListing {
    let topology: Topology
    let outages: OutageTable
    let utcOffsetSeconds: Int
    let asOf: Int64

    static let columns = ["meter_id", "area", "start", "end", "duration_seconds", "class", "cause", "event_id", "source", "confidence"]

    /// Rows matching the filters, by start then file order. `from` is inclusive, `to` exclusive.
    func rows(meter: String?, area: String?, from: Int64?, to: Int64?) throws -> [Int] {
        var meterIndex: Int32?
        if let meter {
            guard let index = topology.meterIndex(of: meter) else { throw ValidationError("meter \"\(meter)\" is not in the topology") }
            meterIndex = Int32(index)
        }
        var areaIndex: Int32?
        if let area {
            guard let index = topology.areas.names.firstIndex(of: area) else { throw ValidationError("area \"\(area)\" is not in the topology") }
            areaIndex = Int32(index)
        }
        return (0..<outages.count).filter { row in
            let meter = outages.meter[row], start = outages.start[row]
            return (meterIndex == nil || meter == meterIndex) && (areaIndex == nil || topology.areas.groupOfMeter[Int(meter)] == areaIndex)
                && (from == nil || start >= from!) && (to == nil || start < to!)
        }.sorted { (outages.start[$0], $0) < (outages.start[$1], $1) }
    }

    /// The values of a row in `columns` order (`nil` for JSON null).
    private func values(_ row: Int) -> [JSONValue] {
        let meter = Int(outages.meter[row])
        return [
            .string(topology.meterID(at: meter)), .string(topology.areas.names[Int(topology.areas.groupOfMeter[meter])]),
            .string(time(outages.start[row])), .string(outages.end(at: row).map(time)),
            .integer(outages.durationSeconds(at: row, asOf: asOf)), .string(outages.outageClass[row].rawValue),
            .string(outages.causes[row]), .string(outages.events[row]), .string(outages.sources[row].rawValue),
            .number(Double(outages.confidences[row])),
        ]
    }

    func json(_ row: Int) -> JSONValue { .object(Array(zip(Self.columns, values(row)))) }

    func csv(_ rows: [Int]) -> String {
        var text = Self.columns.joined(separator: ",") + "\n"
        for row in rows { text += values(row).map { CSVText.escape(Self.plain($0)) }.joined(separator: ",") + "\n" }
        return text
    }

    func table(_ rows: [Int]) -> String {
        TextTable.render([Self.columns] + rows.map { values($0).map(Self.plain) }) + "\(rows.count) outage(s)\n"
    }

    private func time(_ unixSeconds: Int64) -> String { ISO8601Time.format(unixSeconds: unixSeconds, utcOffsetSeconds: utcOffsetSeconds) }

    private static func plain(_ value: JSONValue) -> String {
        switch value {
        case .null: return ""
        case .string(let text): return text
        default: return value.text
        }
    }
}
