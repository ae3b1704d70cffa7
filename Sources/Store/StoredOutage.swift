import GridWatchCore

/// An outage record as stored: the record, where its meter sits, and its identity in the store.
public struct StoredOutage: Sendable, Hashable {
    /// Local id (with the gateway id, the record's central id).
    public var id: Int64
    public var record: OutageRecord
    public var area: String?
    public var line: String?
    /// The start as the meter's log gave it (meter clock, before correction); `nil` for provisional
    /// records from a terminal unit or inference.
    public var logStart: Int64?
    /// When a person last classified the record (class, cause, cause code, work order).
    public var annotatedMillis: Int64?
    public var updatedMillis: Int64
}

/// One outage record to write.
///
/// - With `id`: updates that record in place (e.g. closing an open provisional record).
/// - Else with `logStart`: upserts by (meter, logged start), so re-reading a meter's log never
///   duplicates a record.
/// - Else: inserts a new record.
/// Records named in `supersedes` (provisional records this one confirms or corrects) are deleted in the
/// same transaction; their annotation and violation links move to this record. An annotated record
/// keeps its class, cause, cause code and work order when a later write (a log re-read) updates it.
public struct OutageWrite: Sendable, Hashable {
    public var id: Int64?
    public var record: OutageRecord
    public var area: String?
    public var line: String?
    public var logStart: Int64?
    public var supersedes: [Int64]

    public init(
        id: Int64? = nil, record: OutageRecord, area: String?, line: String?, logStart: Int64? = nil,
        supersedes: [Int64] = []
    ) {
        self.id = id
        self.record = record
        self.area = area
        self.line = line
        self.logStart = logStart
        self.supersedes = supersedes
    }
}

/// A filter over stored outage records. Every field left `nil` matches everything.
public struct OutageQuery: Sendable, Hashable {
    /// How `from`/`to` (Unix seconds, `from` inclusive, `to` exclusive) select records.
    public enum TimeMatch: Sendable, Hashable {
        /// The record started in [from, to) (how indices and rules count).
        case startingWithin
        /// Any part of the record lies in [from, to) (timelines).
        case overlapping
    }
    public var meterID: String?
    public var area: String?
    public var line: String?
    public var eventID: String?
    public var from: Int64?
    public var to: Int64?
    public var timeMatch: TimeMatch
    /// Only records still in progress (no end).
    public var openOnly: Bool
    public var limit: Int?
    public var offset: Int

    public init(
        meterID: String? = nil, area: String? = nil, line: String? = nil, eventID: String? = nil,
        from: Int64? = nil, to: Int64? = nil, timeMatch: TimeMatch = .startingWithin, openOnly: Bool = false,
        limit: Int? = nil, offset: Int = 0
    ) {
        self.meterID = meterID
        self.area = area
        self.line = line
        self.eventID = eventID
        self.from = from
        self.to = to
        self.timeMatch = timeMatch
        self.openOnly = openOnly
        self.limit = limit
        self.offset = offset
    }
}
