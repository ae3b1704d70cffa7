import Foundation

/// `gridwatch rules check` output: JSON (`{"at", "violations": [...]}`), CSV (one line per counted
/// record) or a text table. Times are ISO-8601 at the evaluation clock's offset.
public enum ViolationOutput {
    public static func json(_ evaluation: RuleEvaluation) throws -> String {
        let clock = evaluation.clock
        let document = Document(at: clock.format(evaluation.at), violations: evaluation.violations.map { violation in
            Item(rule: violation.rule, level: violation.level.rawValue, entity: violation.entity.rawValue, id: violation.entityID,
                 count: violation.count, window: Window(from: clock.format(violation.from), to: clock.format(violation.to)),
                 outages: violation.outages.map {
                     Outage(meter_id: $0.meterID, start: clock.format($0.start), end: $0.end.map(clock.format), event_id: $0.eventID)
                 },
                 rate_percent: violation.ratePercent, findings: violation.findings)
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }

    public static func csv(_ evaluation: RuleEvaluation) -> String {
        let clock = evaluation.clock
        var lines = ["rule,level,entity,id,count,window_from,window_to,meter_id,start,end,event_id"]
        for violation in evaluation.violations {
            let head = [violation.rule, violation.level.rawValue, violation.entity.rawValue, violation.entityID,
                        String(violation.count), clock.format(violation.from), clock.format(violation.to)]
            let outages = violation.outages.isEmpty ? [nil] : violation.outages.map(Optional.some)
            for outage in outages {
                let tail = outage.map { [$0.meterID, clock.format($0.start), $0.end.map(clock.format) ?? "", $0.eventID ?? ""] }
                    ?? ["", "", "", ""]
                lines.append((head + tail).map(CSVText.field).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func table(_ evaluation: RuleEvaluation) -> String {
        let clock = evaluation.clock
        let rows = evaluation.violations.map { violation in
            [violation.rule, violation.level.rawValue, violation.entity.rawValue, violation.entityID, String(violation.count),
             clock.format(violation.from), clock.format(violation.to),
             violation.ratePercent.map { String(format: "%.2f %%", $0) } ?? violation.findings?.joined(separator: "; ") ?? "\(violation.outages.count) records"]
        }
        return TextTable.render(header: ["rule", "level", "entity", "id", "count", "from", "to", "detail"], rows: rows)
            + "\(evaluation.violations.count) violations at \(clock.format(evaluation.at))\n"
    }

    private struct Document: Encodable {
        let at: String
        let violations: [Item]
    }

    private struct Item: Encodable {
        let rule, level, entity, id: String
        let count: Int
        let window: Window
        let outages: [Outage]
        let rate_percent: Double?
        let findings: [String]?
    }

    private struct Window: Encodable {
        let from, to: String
    }

    private struct Outage: Encodable {
        let meter_id, start: String
        let end, event_id: String?

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(meter_id, forKey: .meter_id)
            try container.encode(start, forKey: .start)
            try container.encode(end, forKey: .end)
            try container.encode(event_id, forKey: .event_id)
        }

        private enum CodingKeys: String, CodingKey { case meter_id, start, end, event_id }
    }
}

/// CSV field quoting (RFC 4180).
enum CSVText {
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// A plain text table with columns padded to their widest cell.
enum TextTable {
    static func render(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n") + "\n"
    }
}
