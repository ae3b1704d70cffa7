extension IndexReport {
    /// One CSV row per group; columns are the JSON keys of a group flattened with `.`
    /// (`ieee1366.SAIFI`, `ieee1366.CEMI.2`, `dlt836.AIHC1_hours`), empty where the JSON has `null`.
    public func csv() -> String {
        guard let first = groups.first else { return "" }
        var header: [String] = []
        Self.flattenKeys(first.json, prefix: "", into: &header)
        var text = header.joined(separator: ",") + "\n"
        text.reserveCapacity(groups.count * header.count * 20)
        for group in groups {
            var first = true
            Self.writeValues(group.json, to: &text, first: &first)
            text += "\n"
        }
        return text
    }

    private static func flattenKeys(_ value: JSONValue, prefix: String, into keys: inout [String]) {
        guard case .object(let members) = value else { keys.append(prefix); return }
        for (key, member) in members { flattenKeys(member, prefix: prefix.isEmpty ? key : prefix + "." + key, into: &keys) }
    }

    /// Leaf values in key order, comma-separated: numbers at full precision, `null` as "", text CSV-escaped.
    private static func writeValues(_ value: JSONValue, to text: inout String, first: inout Bool) {
        if case .object(let members) = value {
            for (_, member) in members { writeValues(member, to: &text, first: &first) }
            return
        }
        if !first { text += "," }
        first = false
        switch value {
        case .null: break
        case .string(let string): text += CSVText.escape(string)
        default: value.write(to: &text)
        }
    }
}

/// CSV quoting for output.
public enum CSVText {
    /// The field as is, or quoted with doubled quotes when it holds a comma, quote or line break.
    public static func escape(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        return "\"" + field.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
