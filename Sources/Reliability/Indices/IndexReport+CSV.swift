extension IndexReport {
    /// One CSV row per group; columns are the JSON keys of a group flattened with `.`
    /// (`ieee1366.SAIFI`, `ieee1366.CEMI.2`, `dlt836.AIHC1_hours`), empty where the JSON has `null`.
    public func csv() -> String {
        let rows = groups.map { Self.flatten($0.json) }
        guard let header = rows.first?.map(\.0) else { return "" }
        var text = header.joined(separator: ",") + "\n"
        for row in rows { text += row.map { CSVText.escape($0.1) }.joined(separator: ",") + "\n" }
        return text
    }

    /// `(path, value)` pairs of an object's leaves; numbers at full precision, `null` as "".
    static func flatten(_ value: JSONValue, prefix: String = "") -> [(String, String)] {
        switch value {
        case .object(let members):
            return members.flatMap { flatten($0.1, prefix: prefix.isEmpty ? $0.0 : prefix + "." + $0.0) }
        case .null: return [(prefix, "")]
        case .string(let text): return [(prefix, text)]
        default: return [(prefix, value.text)]
        }
    }
}

/// CSV quoting for output.
public enum CSVText {
    /// The field as is, or quoted with doubled quotes when it holds a comma, quote or line break.
    public static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
