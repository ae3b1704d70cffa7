import GridWatchCore

extension ReliabilityIndexEngine {
    /// The per-meter pass: every meter's tallies added to its leaf's row of the returned sums.
    func tallyMeters(leaves: HierarchyLeaves, layout: SumsLayout, options: IndexOptions,
                     majorEventDays: MajorEventDays?) -> [Double] {
        var leafSums = [Double](repeating: 0, count: leaves.count * layout.width)
        let counts = CustomerCounts(topology: topology, options: options)
        let medFlags = majorEventDays?.isMajorEventDay ?? []
        let firstDay = majorEventDays?.firstDay ?? 0
        let sustainedAbove = options.sustainedAboveSeconds, window = options.momentaryEventWindowSeconds
        let shortAtMost = options.shortAtMostSeconds
        let byMeter = MeterOrderedRecords(table: outages, meterCount: topology.meterCount, from: options.from,
                                          to: options.to, asOf: options.asOf)
        leafSums.withUnsafeMutableBufferPointer { sums in
            for meter in 0..<topology.meterCount {
                let row = sums.baseAddress! + Int(leaves.leafOfMeter[meter]) * layout.width
                let customers = Double(topology.customers[meter]), kva = topology.kva[meter]
                let weight = counts.periodWeight(meter)
                row[SumsLayout.customers] += customers * weight
                row[SumsLayout.kva] += kva * weight
                var all = IEEEMeterTally(), withoutMED = IEEEMeterTally(), dlt = DLTMeterTally()
                for record in byMeter.records(ofMeter: meter) {
                    let start = record.start, seconds = record.seconds, reclose = record.recloseOperations
                    let onMED = !medFlags.isEmpty
                        && medFlags[Int(ISO8601Time.localDay(unixSeconds: start, utcOffsetSeconds: options.utcOffsetSeconds) - firstDay)]
                    if seconds > sustainedAbove {
                        all.addSustained(start: start, seconds: seconds, recloseOperations: reclose, window: window)
                        if !onMED { withoutMED.addSustained(start: start, seconds: seconds, recloseOperations: reclose, window: window) }
                    } else {
                        all.addMomentary(start: start, seconds: seconds, recloseOperations: reclose, window: window)
                        if !onMED { withoutMED.addMomentary(start: start, seconds: seconds, recloseOperations: reclose, window: window) }
                    }
                    dlt.add(seconds: seconds, outageClass: record.outageClass, shortAtMost: shortAtMost)
                }
                all.finish(into: row + layout.ieee, customers: customers, kva: kva, layout: layout, options: options)
                if majorEventDays != nil {
                    withoutMED.finish(into: row + layout.ieeeExcludingMED, customers: customers, kva: kva, layout: layout, options: options)
                }
                dlt.finish(into: row + layout.dlt, customers: customers)
            }
        }
        return leafSums
    }
}
