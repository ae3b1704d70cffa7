import GridWatchCore

extension Topology {
    /// Loads `topology.csv`: `meter_id,area,line,county,region[,customers][,kva][,in_service_from]
    /// [,in_service_to][,nominal_voltage]`, columns found by header name.
    ///
    /// Empty optional fields take their defaults (1 customer, unknown kVA, always in service, 220 V).
    /// In-service values are ISO-8601 times with offset or dates `YYYY-MM-DD`, read as local midnight at
    /// `dateUTCOffsetSeconds`. A meter listed twice is an error.
    public static func load(path: String, dateUTCOffsetSeconds: Int = 0) throws(CSVFileError) -> Topology {
        let reader = try CSVByteReader(path: path)
        let header = try reader.readHeader()
        let meterColumn = try header.requiredColumn("meter_id")
        var groupColumns: [Int] = []
        for name in ["area", "line", "county", "region"] { groupColumns.append(try header.requiredColumn(name)) }
        let customersColumn = header.optionalColumn("customers"), kvaColumn = header.optionalColumn("kva")
        let fromColumn = header.optionalColumn("in_service_from"), toColumn = header.optionalColumn("in_service_to")
        let voltageColumn = header.optionalColumn("nominal_voltage")
        let field = FieldParser(reader: reader)
        var builder = TopologyBuilder(expectedCount: 1_024)
        let firstOffset = reader.fileOffset
        var rows = 0
        var groups = [UnsafeRawBufferPointer](repeating: UnsafeRawBufferPointer(start: nil, count: 0), count: 4)
        var meterIDs = MeterIDBatch()
        do throws(CSVFileError) {
            while try reader.nextRecord() {
                rows += 1
                if rows == 1_024 {
                    builder.reserveCapacity(rows + reader.estimatedRemainingRecords(recordsRead: rows, since: firstOffset))
                }
                meterIDs.add(try field.required("meter_id", meterColumn), row: builder.meterCount, line: reader.line)
                for level in 0..<4 { groups[level] = field.trimmed(groupColumns[level]) }
                let inServiceFrom = try field.timeOrDate("in_service_from", fromColumn, dateOffset: dateUTCOffsetSeconds)
                let inServiceTo = try field.timeOrDate("in_service_to", toColumn, dateOffset: dateUTCOffsetSeconds)
                let voltage = try field.number("nominal_voltage", voltageColumn) ?? 220
                let kva = try field.number("kva", kvaColumn) ?? 0
                guard kva >= 0, voltage > 0 else {
                    throw CSVFileError(.badValue, file: path, line: reader.line, "kva and nominal_voltage must not be negative, expected kva ≥ 0 and nominal_voltage > 0")
                }
                builder.appendMeter(groups: groups, customers: try field.count("customers", customersColumn) ?? 1, kva: kva,
                                    inServiceFrom: inServiceFrom ?? .min, inServiceTo: inServiceTo ?? .max, nominalVoltage: voltage)
                if meterIDs.isFull { try meterIDs.insert(into: &builder.meterIDs, path: path) }
            }
        } catch {
            // A meter of an earlier row may be listed twice: that error comes first.
            try meterIDs.insert(into: &builder.meterIDs, path: path)
            throw error
        }
        try meterIDs.insert(into: &builder.meterIDs, path: path)
        return builder.build()
    }
}
