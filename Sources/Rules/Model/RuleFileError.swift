import YAMLConfig

/// A problem in a rule file: `file:line: what is wrong, what was expected`.
/// Rule files are YAML files like the configuration, so they share its error.
public typealias RuleFileError = YAMLConfigError

extension YAMLConfigError.Code {
    /// A value of the wrong type or out of range: the rule files' name for `invalidValue`.
    public static let badValue = invalidValue
    /// Two rules share an id: the rule files' name for `duplicate`.
    public static let duplicateID = duplicate
}
