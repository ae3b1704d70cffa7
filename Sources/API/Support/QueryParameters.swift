import GridWatchCore
import Hummingbird

/// The query string of a request, read parameter by parameter with every value validated: a bad value
/// or an unknown parameter throws a 400 problem naming the parameter and what was expected.
struct QueryParameters {
    private let values: [String: String]
    let utcOffsetSeconds: Int

    /// Throws when the query holds a parameter not in `allowed` (a typo would otherwise be ignored).
    init(_ request: Request, allowed: Set<String>, utcOffsetSeconds: Int) throws {
        var values: [String: String] = [:]
        for (name, value) in request.uri.queryParameters {
            let name = String(name)
            guard allowed.contains(name) else {
                throw Problem.invalid(name, "unknown parameter, expected one of \(allowed.sorted().joined(separator: ", "))")
            }
            guard values[name] == nil else { throw Problem.invalid(name, "given twice, expected once") }
            values[name] = String(value)
        }
        self.values = values
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    func string(_ name: String) throws -> String? {
        guard let value = values[name] else { return nil }
        guard !value.isEmpty else { throw Problem.invalid(name, "empty, expected a value") }
        return value
    }

    func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = try string(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw Problem.invalid(name, "'\(text)' is not a whole number in \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    func bool(_ name: String) throws -> Bool? {
        guard let text = try string(name) else { return nil }
        switch text {
        case "true", "1": return true
        case "false", "0": return false
        default: throw Problem.invalid(name, "'\(text)' is not a boolean, expected true or false")
        }
    }

    /// A time: ISO-8601 with an offset (`2026-03-01T00:00:00+08:00`, `Z`), or a date (`2026-03-01`,
    /// midnight at the gateway's offset). A `+` sent unescaped arrives as a space and is taken back.
    func time(_ name: String) throws -> OffsetTime? {
        guard let text = try string(name)?.replacingOccurrences(of: " ", with: "+") else { return nil }
        if let time = ISO8601Time.parse(text) { return time }
        let date = text.utf8.withContiguousStorageIfAvailable { ISO8601Time.parseDate(UnsafeRawBufferPointer($0)) } ?? nil
        if let date, text.utf8.count == 10 {
            let seconds = date.daysSinceEpoch * 86_400 - Int64(utcOffsetSeconds)
            return OffsetTime(unixSeconds: seconds, utcOffsetSeconds: utcOffsetSeconds)
        }
        throw Problem.invalid(name, "'\(text)' is not a time, expected ISO-8601 with offset (2026-03-01T00:00:00+08:00) or a date (2026-03-01)")
    }

    /// `from` and `to` (both optional unless `required`), checked to be in order.
    func range(required: Bool = false) throws -> (from: OffsetTime?, to: OffsetTime?) {
        let from = try time("from"), to = try time("to")
        if required {
            guard from != nil else { throw Problem.invalid("from", "missing, expected the period's start") }
            guard to != nil else { throw Problem.invalid("to", "missing, expected the period's end") }
        }
        if let from, let to, from.unixSeconds >= to.unixSeconds {
            throw Problem.invalid("to", "reversed or empty range: to (\(ISO8601Time.format(unixSeconds: to.unixSeconds, utcOffsetSeconds: to.utcOffsetSeconds))) must be after from (\(ISO8601Time.format(unixSeconds: from.unixSeconds, utcOffsetSeconds: from.utcOffsetSeconds)))")
        }
        return (from, to)
    }

    /// `limit` (1...1000, default 100) and `offset` (≥ 0, default 0).
    func page() throws -> Page {
        Page(limit: try int("limit", in: 1...Page.maximumLimit) ?? Page.defaultLimit, offset: try int("offset", in: 0...Int(Int32.max)) ?? 0)
    }
}
