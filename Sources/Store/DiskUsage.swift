/// How much disk the database uses.
public struct DiskUsage: Sendable, Hashable, Codable {
    public var pageSize: Int64
    public var pageCount: Int64
    /// Pages free inside the file (reused by later writes, or released by incremental vacuum).
    public var freelistCount: Int64
    /// Size of the WAL file (bounded by checkpoints and `journal_size_limit`).
    public var walBytes: Int64

    /// The main file: `page_count × page_size`.
    public var fileBytes: Int64 { pageCount * pageSize }
    /// Pages holding data.
    public var usedBytes: Int64 { (pageCount - freelistCount) * pageSize }
    public var freeBytes: Int64 { freelistCount * pageSize }
    /// File plus WAL: what the database takes on disk.
    public var totalBytes: Int64 { fileBytes + walBytes }
}

/// What one `Store.maintain` pass did.
public struct MaintenanceReport: Sendable, Hashable {
    /// Raw-reading time now condensed into per-minute / per-15-minute aggregates (watermarks, Unix ms).
    public var minuteWatermark: Int64?
    public var quarterHourWatermark: Int64?
    public var deletedRawReadings = 0
    public var deletedMinuteAggregates = 0
    public var deletedQuarterHourAggregates = 0
    /// Rows deleted before their retention ended, to keep under `maxDatabaseBytes`.
    public var deletedForSizeLimit = 0
    /// Free pages given back to the file system.
    public var releasedPages: Int64 = 0
    public var diskUsage: DiskUsage
}
