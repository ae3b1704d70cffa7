import YAMLConfig

extension YAMLMapping {
    /// A duration such as `90s` or `20min` in whole seconds.
    func wholeSeconds(_ key: String, allowZero: Bool) throws(YAMLConfigError) -> Int64? {
        guard let text = try string(key) else { return nil }
        guard let duration = DurationText.parse(text), allowZero || duration > .zero,
              duration.components.attoseconds == 0
        else {
            throw error(.invalidValue, key, "'\(key)' of \(subject) is '\(text)', expected \(allowZero ? "" : "a positive ")whole seconds with a unit such as 90s, 20min or 1h")
        }
        return duration.components.seconds
    }
}
