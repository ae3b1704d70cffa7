import Foundation

/// `gridwatch voltage` output: JSON `{"groups": [...]}`, CSV or a text table.
public enum VoltageOutput {
    public static func json(_ groups: [VoltageGroupQuality]) throws -> String {
        struct Group: Encodable {
            let by, id: String
            let monitored_minutes, over_upper_minutes, under_lower_minutes: Int
            let rate_percent: Double
        }
        struct Document: Encodable { let groups: [Group] }
        let document = Document(groups: groups.map {
            Group(by: $0.level.rawValue, id: $0.id, monitored_minutes: $0.minutes.monitored, over_upper_minutes: $0.minutes.overUpper,
                  under_lower_minutes: $0.minutes.underLower, rate_percent: $0.ratePercent)
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }

    public static func csv(_ groups: [VoltageGroupQuality]) -> String {
        (["by,id,monitored_minutes,over_upper_minutes,under_lower_minutes,rate_percent"] + groups.map {
            [$0.level.rawValue, CSVText.field($0.id), String($0.minutes.monitored), String($0.minutes.overUpper),
             String($0.minutes.underLower), String($0.ratePercent)].joined(separator: ",")
        }).joined(separator: "\n") + "\n"
    }

    public static func table(_ groups: [VoltageGroupQuality]) -> String {
        TextTable.render(header: ["by", "id", "points", "monitored min", "over min", "under min", "rate %"], rows: groups.map {
            [$0.level.rawValue, $0.id, String($0.points), String($0.minutes.monitored), String($0.minutes.overUpper),
             String($0.minutes.underLower), String(format: "%.3f", $0.ratePercent)]
        })
    }
}
