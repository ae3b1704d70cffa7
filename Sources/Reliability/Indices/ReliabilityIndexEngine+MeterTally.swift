import GridWatchCore

extension ReliabilityIndexEngine {
    /// Meters whose records are copied out of the table together before they are tallied.
    static let meterBlock = 256

    /// The per-meter pass: every meter's tallies added to its leaf's row.
    ///
    /// A meter's records lie all over the table, so reading them costs a cache miss per field. The
    /// fields of a block of meters are first copied into small arrays in one tight loop, whose loads the
    /// processor overlaps, and then tallied from there.
    func tallyMeters(into leafSums: inout [Double], leaves: HierarchyLeaves, layout: SumsLayout,
                     options: IndexOptions, majorEventDays: MajorEventDays?) {
        let counts = CustomerCounts(topology: topology, options: options)
        let medFlags = majorEventDays?.isMajorEventDay ?? []
        let firstDay = majorEventDays?.firstDay ?? 0
        let sustainedAbove = options.sustainedAboveSeconds, window = options.momentaryEventWindowSeconds
        let shortAtMost = options.shortAtMostSeconds
        var block = MeterRecordBlock()
        leafSums.withUnsafeMutableBufferPointer { sums in
            for blockStart in stride(from: 0, to: topology.meterCount, by: Self.meterBlock) {
                let blockEnd = min(blockStart + Self.meterBlock, topology.meterCount)
                let first = recordsByMeter.offsets[blockStart]
                block.copy(rows: recordsByMeter.rows[first..<recordsByMeter.offsets[blockEnd]], of: outages, asOf: options.asOf)
                for meter in blockStart..<blockEnd {
                    let row = sums.baseAddress! + Int(leaves.leafOfMeter[meter]) * layout.width
                    let customers = Double(topology.customers[meter]), kva = topology.kva[meter]
                    let weight = counts.periodWeight(meter)
                    row[SumsLayout.customers] += customers * weight
                    row[SumsLayout.kva] += kva * weight
                    var all = IEEEMeterTally(), withoutMED = IEEEMeterTally(), dlt = DLTMeterTally()
                    for index in (recordsByMeter.offsets[meter] - first)..<(recordsByMeter.offsets[meter + 1] - first) {
                        let start = block.start[index]
                        guard start >= options.from, start < options.to else { continue }
                        let seconds = block.seconds[index]
                        let reclose = block.recloseOperations[index]
                        let onMED = !medFlags.isEmpty
                            && medFlags[Int(ISO8601Time.localDay(unixSeconds: start, utcOffsetSeconds: options.utcOffsetSeconds) - firstDay)]
                        if seconds > sustainedAbove {
                            all.addSustained(start: start, seconds: seconds, recloseOperations: reclose, window: window)
                            if !onMED { withoutMED.addSustained(start: start, seconds: seconds, recloseOperations: reclose, window: window) }
                        } else {
                            all.addMomentary(start: start, seconds: seconds, recloseOperations: reclose, window: window)
                            if !onMED { withoutMED.addMomentary(start: start, seconds: seconds, recloseOperations: reclose, window: window) }
                        }
                        dlt.add(seconds: seconds, outageClass: block.outageClass[index], shortAtMost: shortAtMost)
                    }
                    all.finish(into: row + layout.ieee, customers: customers, kva: kva, layout: layout, options: options)
                    if majorEventDays != nil {
                        withoutMED.finish(into: row + layout.ieeeExcludingMED, customers: customers, kva: kva, layout: layout, options: options)
                    }
                    dlt.finish(into: row + layout.dlt, customers: customers)
                }
            }
        }
    }
}

/// The fields the per-meter pass reads, copied from the table rows of a block of meters.
private struct MeterRecordBlock {
    var start: [Int64] = []
    /// Duration in seconds, an open record's up to `asOf`.
    var seconds: [Int64] = []
    var recloseOperations: [Int32] = []
    var outageClass: [OutageClass] = []

    mutating func copy(rows: ArraySlice<Int32>, of table: OutageTable, asOf: Int64) {
        start.removeAll(keepingCapacity: true)
        seconds.removeAll(keepingCapacity: true)
        recloseOperations.removeAll(keepingCapacity: true)
        outageClass.removeAll(keepingCapacity: true)
        for row in rows {
            let row = Int(row)
            start.append(table.start[row])
            seconds.append(table.durationSeconds(at: row, asOf: asOf))
            recloseOperations.append(table.recloseOperations[row])
            outageClass.append(table.outageClass[row])
        }
    }
}
