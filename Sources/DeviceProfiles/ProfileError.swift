import YAMLConfig

/// A profile that cannot be used, with where and why: `file:line: what is wrong, what was expected`.
/// Profiles are YAML files like the configuration, so they share its error.
public typealias ProfileError = YAMLConfigError

extension YAMLConfigError.Code {
    /// Two points, or a point and the outage log, share a register.
    public static let overlap = Self("overlap")
    /// A point or the outage log ends beyond register 65535.
    public static let addressOutOfRange = Self("address out of range")
    /// No profile file of the name asked for.
    public static let unknownProfile = Self("unknown profile")
}
