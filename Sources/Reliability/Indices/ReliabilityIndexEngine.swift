import GridWatchCore

/// Computes IEEE 1366 and DL/T 836 indices for groups of any hierarchy level over any period.
///
/// One pass over meters (each meter's outages in time order, copied by `MeterOrderedRecords`) tallies
/// every meter in integers, then adds it to its leaf group's row of a sums matrix; leaf rows are summed
/// into the rows of each requested level. Meters and groups are array indices: no string is hashed and no
/// dictionary is touched per record.
public struct ReliabilityIndexEngine: Sendable {
    public let topology: Topology
    public let outages: OutageTable

    public init(topology: Topology, outages: OutageTable) {
        self.topology = topology
        self.outages = outages
    }

    /// Indices of every group of each level in `levels` (any of area, line, county, region, system).
    public func report(levels: [HierarchyLevel], options: IndexOptions) -> IndexReport {
        precondition(!levels.contains(.meter), "indices are computed for area, line, county, region or system")
        let layout = SumsLayout(cemiCount: options.cemiThresholds.count)
        let majorEventDays = options.medHistory.map { findMajorEventDays(history: $0, options: options) }
        let leaves = HierarchyLeaves(topology: topology)
        let groupNames = levels.map { topology.grouping($0).names }
        let groupOfLeaf = levels.map { leaves.groups(at: $0) }
        // The per-meter pass and the event figures only read the tables: they run at the same time.
        let (leafSums, eventSums) = Concurrently.both({
            tallyMeters(leaves: leaves, layout: layout, options: options, majorEventDays: majorEventDays)
        }, {
            let events = EventStatistics.eventNumbers(table: outages, topology: topology, toleranceSeconds: options.eventToleranceSeconds)
            return EventStatistics.sums(eventNumbers: events.numbers, eventCount: events.count, table: outages, options: options,
                                        leafOfMeter: leaves.leafOfMeter, groupOfLeaf: groupOfLeaf, groupCounts: groupNames.map(\.count))
        })
        var levelSums = levels.indices.map { index in
            rollUp(leafSums, groupOfLeaf: groupOfLeaf[index], groupCount: groupNames[index].count, layout: layout)
        }
        EventStatistics.add(eventSums, to: &levelSums, layout: layout)
        var groups: [GroupIndices] = []
        for (levelIndex, level) in levels.enumerated() {
            let names = groupNames[levelIndex]
            levelSums[levelIndex].withUnsafeBufferPointer { sums in
                for group in names.indices {
                    groups.append(GroupIndices(level: level, id: names[group], sums: sums.baseAddress! + group * layout.width,
                                               layout: layout, options: options, withMED: majorEventDays != nil))
                }
            }
        }
        let openRows = (0..<outages.count).filter {
            outages.duration[$0] == OutageTable.open && outages.start[$0] >= options.from && outages.start[$0] < options.to
        }
        return IndexReport(options: options, groups: groups, majorEventDays: majorEventDays, openRows: openRows)
    }

    private func rollUp(_ leafSums: [Double], groupOfLeaf: [Int32], groupCount: Int, layout: SumsLayout) -> [Double] {
        var sums = [Double](repeating: 0, count: groupCount * layout.width)
        let summed = layout.dlt + DLTSum.meterFields.upperBound
        for (leaf, group) in groupOfLeaf.enumerated() {
            let from = leaf * layout.width, to = Int(group) * layout.width
            for field in 0..<summed { sums[to + field] += leafSums[from + field] }
        }
        return sums
    }

    /// Daily system SAIDI of the period's local days and the MED flags from the history's threshold.
    private func findMajorEventDays(history: DailySAIDIHistory, options: IndexOptions) -> MajorEventDays {
        let firstDay = ISO8601Time.localDay(unixSeconds: options.from, utcOffsetSeconds: options.utcOffsetSeconds)
        let lastDay = ISO8601Time.localDay(unixSeconds: options.to - 1, utcOffsetSeconds: options.utcOffsetSeconds)
        let dayCount = Int(lastDay - firstDay + 1)
        var minutes = [Double](repeating: 0, count: dayCount)
        for record in 0..<outages.count {
            let start = outages.start[record]
            guard start >= options.from, start < options.to else { continue }
            let seconds = outages.durationSeconds(at: record, asOf: options.asOf)
            guard seconds > options.sustainedAboveSeconds else { continue }
            let day = Int(ISO8601Time.localDay(unixSeconds: start, utcOffsetSeconds: options.utcOffsetSeconds) - firstDay)
            minutes[day] += Double(topology.customers[Int(outages.meter[record])]) * Double(seconds) / 60
        }
        let customers = CustomerCounts(topology: topology, options: options).dailyCustomers(firstDay: firstDay, dayCount: dayCount)
        let daily = (0..<dayCount).map { customers[$0] > 0 ? minutes[$0] / customers[$0] : 0 }
        let threshold = MajorEventDayThreshold(
            history: history, periodStart: CivilDate(daysSinceEpoch: firstDay), years: options.medHistoryYears,
            standardDeviation: options.medStandardDeviation)
        return MajorEventDays(threshold: threshold, firstDay: firstDay, dailySAIDIMinutes: daily,
                              isMajorEventDay: daily.map { threshold?.isMajorEventDay(saidiMinutes: $0) ?? false })
    }
}
