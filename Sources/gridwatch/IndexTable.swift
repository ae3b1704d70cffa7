import Foundation
import Reliability

/// The headline indices of each group as an aligned text table, rounded for reading.
struct IndexTable {
    let report: IndexReport

    var text: String {
        let header = ["by", "id", "customers", "CI", "SAIFI", "SAIDI_min", "CAIDI_min", "MAIFI", "ASAI",
                      "AIHC1_h", "RS1_%", "AITC1", "short/user"]
        let rows = report.groups.map { group -> [String] in
            let ieee = group.ieee1366, dlt = group.dlt836
            return [group.level.rawValue, group.id, Self.round(group.customers, 1), Self.round(ieee.ci, 0),
                    Self.round(ieee.saifi, 4), Self.round(ieee.saidiMinutes, 2), Self.round(ieee.caidiMinutes, 2),
                    Self.round(ieee.maifi, 4), Self.round(ieee.asai, 6), Self.round(dlt.aihc1Hours, 4),
                    Self.round(dlt.rs1Percent, 4), Self.round(dlt.aitc1, 4), Self.round(dlt.shortOutagesPerUser, 4)]
        }
        var text = TextTable.render([header] + rows)
        if let med = report.majorEventDays {
            let threshold = med.threshold.map { String(format: "%.2f min", $0.thresholdMinutes) } ?? "none (too little history)"
            text += "MED threshold: \(threshold); major event days: \(med.days.map(\.description).joined(separator: " "))\n"
        }
        if !report.openRows.isEmpty { text += "\(report.openRows.count) outage(s) still open, counted with their duration so far\n" }
        return text
    }

    private static func round(_ value: Double?, _ digits: Int) -> String {
        guard let value else { return "-" }
        return String(format: "%.\(digits)f", value)
    }
}
