import GridWatchCore

/// Merges one meter's outage records from several sources so that no outage is counted twice (issue 4).
///
/// Records of the same meter whose intervals overlap, or lie within `toleranceSeconds` of each other
/// (an open record runs on for ever), describe one outage. In such a cluster:
/// - meter-log records win: provisional records (terminal unit, inference, import) are dropped as
///   confirmed or corrected; log records with the same start are one log record (the closed one wins),
///   distinct log records are kept as they are;
/// - without a log record, the best source's record stands (rank: `OutageSource.allCases` order), a
///   missing end is filled from another record, and the confidence is the highest of the cluster.
/// The surviving record keeps the event id, class (if not the default), cause, cause code and work order
/// of the records it replaces when it has none of its own.
public enum OutageMerging {
    public static let defaultToleranceSeconds: Int64 = 120

    /// Merges the records of one meter (all `meterID`s must be equal). The result is in start order.
    public static func merge(_ records: [OutageRecord], toleranceSeconds: Int64 = defaultToleranceSeconds) -> [OutageRecord] {
        precondition(Set(records.map(\.meterID)).count <= 1, "merge the records of one meter at a time")
        let sorted = deduplicatingLogRecords(records).sorted { ($0.start, rank($0.source)) < ($1.start, rank($1.source)) }
        var merged: [OutageRecord] = []
        var cluster: [OutageRecord] = []
        var clusterEnd: Int64 = .min
        for record in sorted {
            if !cluster.isEmpty, record.start > clusterEnd + toleranceSeconds {
                merged += resolve(cluster)
                cluster.removeAll()
                clusterEnd = .min
            }
            cluster.append(record)
            clusterEnd = max(clusterEnd, record.end ?? .max - toleranceSeconds)
        }
        if !cluster.isEmpty { merged += resolve(cluster) }
        return merged
    }

    private static func rank(_ source: OutageSource) -> Int { OutageSource.allCases.firstIndex(of: source)! }

    private static func resolve(_ cluster: [OutageRecord]) -> [OutageRecord] {
        let logged = cluster.filter { $0.source == .meterLog }
        if logged.isEmpty {
            var best = cluster.min { (rank($0.source), $0.start) < (rank($1.source), $1.start) }!
            if best.end == nil { best.end = cluster.compactMap(\.end).max() }
            best.confidence = cluster.map(\.confidence).max()!
            return [inheritAnnotations(best, from: cluster)]
        }
        return logged.map { inheritAnnotations($0, from: cluster) }
    }

    /// A log record is identified by its meter and logged start: of re-reads, the closed one stays.
    private static func deduplicatingLogRecords(_ records: [OutageRecord]) -> [OutageRecord] {
        var logByStart: [Int64: OutageRecord] = [:]
        for record in records where record.source == .meterLog && logByStart[record.start]?.end == nil {
            logByStart[record.start] = record
        }
        return records.filter { $0.source != .meterLog } + logByStart.values
    }

    private static func inheritAnnotations(_ record: OutageRecord, from cluster: [OutageRecord]) -> OutageRecord {
        var record = record
        for other in cluster {
            record.eventID = record.eventID ?? other.eventID
            if record.outageClass == .faultInternal { record.outageClass = other.outageClass }
            record.cause = record.cause ?? other.cause
            record.causeCode = record.causeCode ?? other.causeCode
            record.workOrder = record.workOrder ?? other.workOrder
        }
        return record
    }
}
