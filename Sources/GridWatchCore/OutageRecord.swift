/// One meter's (one user's) outage: the unit every index and rule counts.
///
/// Times are Unix seconds (UTC). `end == nil` is an outage still in progress.
public struct OutageRecord: Sendable, Hashable, Codable {
    public var meterID: String
    public var start: Int64
    public var end: Int64?
    /// The interruption event this record belongs to (meters of one area that went off together).
    public var eventID: String?
    public var outageClass: OutageClass
    /// Free text, or one of `ReservedCause`.
    public var cause: String?
    public var causeCode: String?
    public var workOrder: String?
    /// Momentary open-close operations of an interrupting device seen by this meter (for MAIFI).
    public var recloseOperations: Int
    public var source: OutageSource
    /// 0...1: how sure the source is (1 for a meter's own log).
    public var confidence: Double

    public init(
        meterID: String, start: Int64, end: Int64?, eventID: String? = nil,
        outageClass: OutageClass = .faultInternal, cause: String? = nil, causeCode: String? = nil,
        workOrder: String? = nil, recloseOperations: Int = 0,
        source: OutageSource = .imported, confidence: Double = 1
    ) {
        self.meterID = meterID
        self.start = start
        self.end = end
        self.eventID = eventID
        self.outageClass = outageClass
        self.cause = cause
        self.causeCode = causeCode
        self.workOrder = workOrder
        self.recloseOperations = recloseOperations
        self.source = source
        self.confidence = confidence
    }

    /// Duration in seconds; an open record's duration runs to `asOf`.
    public func durationSeconds(asOf now: Int64) -> Int64 {
        (end ?? max(now, start)) - start
    }
}
