import Hummingbird

/// The request context of every route: Hummingbird's core storage and the caller's role.
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `BearerAuthMiddleware`; `.annotate` when the server runs without tokens (loopback only).
    public var role: AccessRole = .readOnly

    public init(source: Source) {
        coreContext = .init(source: source)
    }
}
