import Foundation
import GridWatchCore

extension ReliabilityReport {
    /// A self-contained page: SAIDI and SAIFI by group, outages per month and the worst groups as inline
    /// SVG, then the table of every number. Nothing is loaded from elsewhere.
    public func html(title: String) -> String {
        let options = indices.options
        func time(_ seconds: Int64) -> String { ISO8601Time.format(unixSeconds: seconds, utcOffsetSeconds: options.utcOffsetSeconds) }
        func number(_ value: Double?, _ decimals: Int = 4) -> String { value.map { String(format: "%.\(decimals)f", $0) } ?? "–" }
        let charts = [
            SVGBarChart(title: "SAIDI (minutes) by \(levelNames)", bars: rows.map { ($0.id, $0.saidiMinutes ?? 0) }),
            SVGBarChart(title: "SAIFI (interruptions per customer) by \(levelNames)", bars: rows.map { ($0.id, $0.saifi ?? 0) }, colour: "#2e7d32", decimals: 3),
            SVGBarChart(title: "Outage records per month", bars: outagesPerMonth.map { ($0.month, Double($0.outages)) }, colour: "#e08a2c", decimals: 0),
            SVGBarChart(title: "Worst \(levelNames) by SAIDI (minutes)", bars: worst.map { ($0.id, $0.saidiMinutes ?? 0) }, colour: "#c62828"),
        ].map { "<figure>\($0.svg)</figure>" }.joined(separator: "\n")
        let header = ["level", "id", "customers", "SAIFI", "SAIDI min", "CAIDI min", "ASAI", "outages"].map { "<th>\($0)</th>" }.joined()
        let body = rows.map { row in
            let cells = [row.level.rawValue, row.id, number(row.customers, 0), number(row.saifi), number(row.saidiMinutes, 2),
                         number(row.caidiMinutes, 2), number(row.asai, 6), String(row.outages)]
            return "<tr>" + cells.map { "<td>\(HTMLText.escape($0))</td>" }.joined() + "</tr>"
        }.joined(separator: "\n")
        let worstItems = worst.map { "<li>\(HTMLText.escape($0.id)): \(number($0.saidiMinutes, 1)) min SAIDI, \($0.outages) outage records</li>" }.joined()
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(HTMLText.escape(title))</title>
            <style>body{font-family:sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:2px 8px;text-align:right}
            th{background:#eee}td:nth-child(-n+2){text-align:left}figure{display:inline-block;margin:0 2em 1em 0;vertical-align:top}</style>
            </head><body>
            <h1>\(HTMLText.escape(title))</h1>
            <p>Period \(time(options.from)) to \(time(options.to)) (\(number(options.hours, 0)) hours), open outages counted to \(time(options.asOf)); customer base \(options.customerBase.rawValue).</p>
            \(charts)
            <h2>Worst \(levelNames)</h2><ol>\(worstItems)</ol>
            <h2>All figures</h2>
            <table><thead><tr>\(header)</tr></thead><tbody>
            \(body)
            </tbody></table>
            </body></html>

            """
    }

    private var levelNames: String {
        Array(Set(rows.map(\.level.rawValue))).sorted().joined(separator: ", ")
    }
}
