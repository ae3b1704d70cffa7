import GridWatchCore

extension OutageTable {
    /// Loads `outages.csv`: `meter_id,start,end[,event_id][,class][,cause][,cause_code][,reclose_operations]
    /// [,work_order]`, columns found by header name.
    ///
    /// Times are ISO-8601 with offset; an empty `end` is an open outage; an empty `class` is
    /// `fault_internal`. Every meter must be in `topology`. Records are `imported` with confidence 1.
    public static func load(path: String, topology: Topology) throws(CSVFileError) -> OutageTable {
        let reader = try CSVByteReader(path: path)
        let header = try reader.readHeader()
        let meterColumn = try header.requiredColumn("meter_id")
        let startColumn = try header.requiredColumn("start"), endColumn = try header.requiredColumn("end")
        let eventColumn = header.optionalColumn("event_id"), classColumn = header.optionalColumn("class")
        let causeColumn = header.optionalColumn("cause"), causeCodeColumn = header.optionalColumn("cause_code")
        let recloseColumn = header.optionalColumn("reclose_operations")
        let workOrderColumn = header.optionalColumn("work_order")
        let field = FieldParser(reader: reader)
        var table = OutageTable()
        var classLookup = ByteStringTable()
        for outageClass in OutageClass.allCases { _ = classLookup.intern(outageClass.rawValue) }
        while try reader.nextRecord() {
            let meterBytes = try field.required("meter_id", meterColumn)
            guard let meter = topology.meterIndex(bytes: meterBytes) else {
                throw CSVFileError(.unknownMeter, file: path, line: reader.line,
                                   "meter_id \"\(reader.string(meterColumn))\" is not in the topology, expected a meter listed in the topology file")
            }
            guard let start = try field.time("start", startColumn) else {
                throw CSVFileError(.badValue, file: path, line: reader.line, "start is empty, expected an ISO-8601 time with offset")
            }
            let end = try field.time("end", endColumn)
            if let end, end.unixSeconds < start.unixSeconds {
                throw CSVFileError(.badValue, file: path, line: reader.line, "end is before start, expected end ≥ start")
            }
            if table.count == 0 { table.utcOffsetSeconds = start.utcOffsetSeconds }
            let classBytes = field.trimmed(classColumn)
            var outageClass = OutageClass.faultInternal
            if !classBytes.isEmpty {
                guard let number = classLookup.find(classBytes) else {
                    throw CSVFileError(.badValue, file: path, line: reader.line,
                                       "class \"\(reader.string(classColumn))\" is not valid, expected one of \(OutageClass.allCases.map(\.rawValue).joined(separator: " "))")
                }
                outageClass = OutageClass.allCases[Int(number)]
            }
            let reclose = try field.count("reclose_operations", recloseColumn) ?? 0
            table.appendCore(meter: meter, start: start.unixSeconds,
                             duration: duration(start: start.unixSeconds, end: end?.unixSeconds),
                             outageClass: outageClass, recloseOperations: Int32(clamping: reclose))
            table.events.append(field.trimmed(eventColumn))
            table.causes.append(field.trimmed(causeColumn))
            table.causeCodes.append(field.trimmed(causeCodeColumn))
            table.workOrders.append(field.trimmed(workOrderColumn))
            table.sources.append(.imported)
            table.confidences.append(1)
        }
        return table
    }
}
