import GridWatchCore

/// An interruption event: outages of several meters of one area that started together.
public struct InterruptionEventRecord: Sendable, Hashable, Codable {
    public var id: String
    public var area: String?
    public var line: String?
    /// Unix seconds; `end == nil` while any of its meters is still off.
    public var start: Int64
    public var end: Int64?
    /// Meters (users) interrupted.
    public var meters: Int
    public var outageClass: OutageClass
    public var cause: String?
    public var causeCode: String?
    public var workOrder: String?
    /// The planned-outage notice the event matched, if any.
    public var plannedNoticeID: String?
    /// When a person last annotated it.
    public var annotatedMillis: Int64?

    public init(
        id: String, area: String?, line: String?, start: Int64, end: Int64?, meters: Int,
        outageClass: OutageClass = .faultInternal, cause: String? = nil, causeCode: String? = nil,
        workOrder: String? = nil, plannedNoticeID: String? = nil, annotatedMillis: Int64? = nil
    ) {
        self.id = id
        self.area = area
        self.line = line
        self.start = start
        self.end = end
        self.meters = meters
        self.outageClass = outageClass
        self.cause = cause
        self.causeCode = causeCode
        self.workOrder = workOrder
        self.plannedNoticeID = plannedNoticeID
        self.annotatedMillis = annotatedMillis
    }
}

/// A person's classification of an event; `nil` fields are left as they are.
public struct EventAnnotation: Sendable, Hashable, Codable {
    public var outageClass: OutageClass?
    public var cause: String?
    public var causeCode: String?
    public var workOrder: String?
    /// Who annotated (token name, user); kept in the annotation history.
    public var author: String?

    public init(outageClass: OutageClass? = nil, cause: String? = nil, causeCode: String? = nil, workOrder: String? = nil, author: String? = nil) {
        self.outageClass = outageClass
        self.cause = cause
        self.causeCode = causeCode
        self.workOrder = workOrder
        self.author = author
    }
}
