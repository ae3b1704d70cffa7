import Foundation

/// A horizontal-label bar chart as inline SVG text: one bar per (label, value), the value printed above it.
struct SVGBarChart {
    var title: String
    var bars: [(label: String, value: Double)]
    var colour = "#1f5fa8"
    var decimals = 2

    var svg: String {
        let barWidth = 36.0, gap = 14.0, top = 28.0, plot = 180.0, bottom = 60.0, left = 30.0
        let width = left * 2 + Double(max(bars.count, 1)) * (barWidth + gap)
        let maximum = max(bars.map(\.value).max() ?? 0, 1e-9)
        var parts = ["<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(top + plot + bottom))\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\">",
                     "<text x=\"\(left)\" y=\"16\" font-weight=\"bold\">\(HTMLText.escape(title))</text>"]
        for (index, bar) in bars.enumerated() {
            let x = left + Double(index) * (barWidth + gap)
            let height = bar.value / maximum * plot
            let y = top + plot - height
            parts.append("<rect x=\"\(x)\" y=\"\(y)\" width=\"\(barWidth)\" height=\"\(height)\" fill=\"\(colour)\"><title>\(HTMLText.escape(bar.label)): \(format(bar.value))</title></rect>")
            parts.append("<text x=\"\(x + barWidth / 2)\" y=\"\(y - 3)\" text-anchor=\"middle\" font-size=\"10\">\(format(bar.value))</text>")
            parts.append("<text x=\"\(x + barWidth / 2)\" y=\"\(top + plot + 12)\" text-anchor=\"end\" font-size=\"10\" transform=\"rotate(-40 \(x + barWidth / 2) \(top + plot + 12))\">\(HTMLText.escape(bar.label))</text>")
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    private func format(_ value: Double) -> String { String(format: "%.\(decimals)f", value) }
}

/// Text escaped for HTML element content and attribute values.
enum HTMLText {
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
