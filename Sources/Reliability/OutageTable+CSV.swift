import GridWatchCore

extension OutageTable {
    /// Loads `outages.csv`: `meter_id,start,end[,event_id][,class][,cause][,cause_code][,reclose_operations]
    /// [,work_order]`, columns found by header name.
    ///
    /// Times are ISO-8601 with offset; an empty `end` is an open outage; an empty `class` is
    /// `fault_internal`. Every meter must be in `topology`. Records are `imported` with confidence 1.
    /// `threads` threads parse parts of the file at once (`nil`: the active processors, at most 8, for
    /// files above 32 MiB; one thread for smaller files).
    public static func load(path: String, topology: Topology, threads: Int? = nil) throws(CSVFileError) -> OutageTable {
        let reader = try CSVByteReader(path: path)
        let columns = try OutageCSVColumns(header: try reader.readHeader())
        let threads = threads ?? (reader.fileSize() > 32 << 20 ? min(8, ProcessorCount.active) : 1)
        let headerEnd = reader.fileOffset
        if threads > 1,
           let parts = try ChunkedCSVLoad.parse(path: path, headerEnd: headerEnd, headerLines: reader.linesRead,
                                                parts: threads, { part throws(CSVFileError) in
                                                    // The first part gets room for all rows: the others are appended to it.
                                                    try parseRows(part, columns: columns, topology: topology,
                                                                  reserveToEndOfFile: part.fileOffset == headerEnd)
                                                }) {
            var remaining = parts
            var table = remaining.removeFirst()
            table.reserveCapacity(parts.reduce(0) { $0 + $1.count })
            while !remaining.isEmpty { table.append(contentsOf: remaining.removeFirst()) }
            return table
        }
        return try parseRows(reader, columns: columns, topology: topology)
    }

    private static func parseRows(_ reader: CSVByteReader, columns: OutageCSVColumns, topology: Topology,
                                  reserveToEndOfFile: Bool = false) throws(CSVFileError) -> OutageTable {
        var table = OutageTable()
        var meters = MeterIDBatch()
        var recent = RecentFields()
        let firstOffset = reader.fileOffset
        do {
            while try reader.nextRecord() {
                if table.count == 1_024 {
                    let remaining = reader.estimatedRemainingRecords(recordsRead: table.count + 1, since: firstOffset,
                                                                     toEndOfFile: reserveToEndOfFile)
                    table.reserveCapacity(table.count + 1 + remaining)
                }
                try parseRow(reader, columns: columns, recent: &recent, into: &table)
                meters.add(try FieldParser(reader: reader).required("meter_id", columns.meter), row: table.count - 1, line: reader.line)
                if meters.isFull { try meters.resolve(into: &table.meter, topology: topology, path: reader.path) }
            }
        } catch {
            // A meter of an earlier row may be unknown: that error comes first.
            try meters.resolve(into: &table.meter, topology: topology, path: reader.path)
            throw error
        }
        try meters.resolve(into: &table.meter, topology: topology, path: reader.path)
        return table
    }

    /// The class names, numbered in `OutageClass.allCases` order.
    private static let classNames = CaseNames<OutageClass>()

    /// Appends the current record with meter number -1 (filled in by `MeterIDBatch`).
    @inline(__always)
    private static func parseRow(_ reader: CSVByteReader, columns: OutageCSVColumns,
                                 recent: inout RecentFields, into table: inout OutageTable) throws(CSVFileError) {
        let path = reader.path
        let field = FieldParser(reader: reader)
        guard let start = try field.time("start", columns.start, layout: &recent.times) else {
            throw CSVFileError(.badValue, file: path, line: reader.line, "start is empty, expected an ISO-8601 time with offset")
        }
        let end = try field.time("end", columns.end, layout: &recent.times)
        if let end, end.unixSeconds < start.unixSeconds {
            throw CSVFileError(.badValue, file: path, line: reader.line, "end is before start, expected end ≥ start")
        }
        if table.count == 0 { table.utcOffsetSeconds = start.utcOffsetSeconds }
        let classBytes = field.trimmed(columns.outageClass)
        var outageClass = OutageClass.faultInternal
        if !classBytes.isEmpty {
            guard let number = recent.outageClass.number(of: classBytes) ?? classNames.number(of: classBytes) else {
                throw CSVFileError(.badValue, file: path, line: reader.line,
                                   "class \"\(reader.string(columns.outageClass))\" is not valid, expected one of \(OutageClass.allCases.map(\.rawValue).joined(separator: " "))")
            }
            recent.outageClass.remember(classBytes, as: number)
            outageClass = classNames.cases[Int(number)]
        }
        let reclose = try field.count("reclose_operations", columns.reclose) ?? 0
        table.appendCore(meter: -1, start: start.unixSeconds, duration: duration(start: start.unixSeconds, end: end?.unixSeconds),
                         outageClass: outageClass, recloseOperations: Int32(clamping: reclose))
        table.events.append(field.trimmed(columns.event))
        table.causes.append(field.trimmed(columns.cause))
        table.causeCodes.append(field.trimmed(columns.causeCode))
        table.workOrders.append(field.trimmed(columns.workOrder))
        table.sources.append(.imported)
        table.confidences.append(1)
    }
}

/// What the previous rows of one part of `outages.csv` had, to read repeats quickly.
private struct RecentFields {
    var times = RecentTimeLayout()
    var outageClass = RecentStrings(log2Count: 3)
}

/// Where the columns of `outages.csv` are (`-1`: absent).
private struct OutageCSVColumns: Sendable {
    let meter, start, end, event, outageClass, cause, causeCode, reclose, workOrder: Int

    init(header: CSVHeader) throws(CSVFileError) {
        meter = try header.requiredColumn("meter_id")
        start = try header.requiredColumn("start")
        end = try header.requiredColumn("end")
        event = header.optionalColumn("event_id")
        outageClass = header.optionalColumn("class")
        cause = header.optionalColumn("cause")
        causeCode = header.optionalColumn("cause_code")
        reclose = header.optionalColumn("reclose_operations")
        workOrder = header.optionalColumn("work_order")
    }
}
