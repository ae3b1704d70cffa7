/// What a bearer token may do. `annotate` includes everything `readOnly` may.
public enum AccessRole: String, Sendable, CaseIterable, Comparable {
    /// GET every resource.
    case readOnly = "read-only"
    /// Also classify events and acknowledge violations (the POST routes).
    case annotate

    public static func < (lhs: AccessRole, rhs: AccessRole) -> Bool { lhs == .readOnly && rhs == .annotate }
}
