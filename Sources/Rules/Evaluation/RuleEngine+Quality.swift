import GridWatchCore
import Reliability

extension RuleEngine {
    /// `voltage_quality`: the mean of the points' qualification rates over the window below the threshold.
    /// The minutes come from the voltage samples, else from those given for the rule (`voltageMinutes`).
    func voltageViolation(rule: Rule, below: Double, name: String, meters: some Collection<Int32>,
                          context: inout EvaluationContext) -> Violation? {
        let given = voltageMinutes[rule.id]
        guard voltage != nil || given != nil else { return nil }
        let from = WindowSearch.start(of: rule.window, at: context.at, clock: context.clock)
        var total = VoltageMinutes(), rateSum = 0.0, points = 0
        for meter in meters {
            let own: VoltageMinutes
            if let voltage {
                let limits = VoltageLimits(nominal: topology.nominalVoltage[Int(meter)])
                own = VoltageQuality.minutes(of: Int(meter), samples: voltage, limits: limits, from: from, to: context.at + 1)
            } else {
                own = given.map { Int(meter) < $0.count ? $0[Int(meter)] : VoltageMinutes() } ?? VoltageMinutes()
            }
            guard let rate = own.ratePercent else { continue }
            total.monitored += own.monitored
            total.overUpper += own.overUpper
            total.underLower += own.underLower
            rateSum += rate
            points += 1
        }
        guard points > 0 else { return nil }
        let rate = rateSum / Double(points)
        guard rate < below else { return nil }
        return Violation(rule: rule.id, level: rule.level, entity: rule.entity, entityID: name,
                         count: total.overUpper + total.underLower, from: from, to: context.at, outages: [], ratePercent: rate)
    }

    /// `data_quality` for one meter: overlapping, unpaired and future outage records, a clock offset past
    /// its limit, out-of-range voltage samples, and silence (from the voltage samples, else from when the
    /// meter last answered a poll) (no voltage sample for `silentSeconds`, when voltage samples are given).
    func dataQualityViolation(rule: Rule, meter: Int, checks: Set<DataQualityCheck>, silentSeconds: Int64?,
                              maxClockOffsetSeconds: Int64?, context: EvaluationContext) -> Violation? {
        let at = context.at
        var involved: [Int32] = [], findings: [String] = [], count = 0
        let rows = self.rows(ofMeter: meter)
        func end(_ row: Int32) -> Int64? {
            columns.duration[Int(row)] == OutageTable.open ? nil : columns.start[Int(row)] + Int64(columns.duration[Int(row)])
        }
        if checks.contains(.overlapping) {
            var latestEnd = Int64.min, latestRow: Int32 = -1, overlapping: [Int32] = []
            for row in rows {
                if columns.start[Int(row)] < latestEnd { overlapping += [latestRow, row] }
                let rowEnd = end(row) ?? .max
                if rowEnd > latestEnd { latestEnd = rowEnd; latestRow = row }
            }
            if !overlapping.isEmpty {
                overlapping = Array(Set(overlapping))
                findings.append("overlapping: \(overlapping.count) outage records overlap")
                count += overlapping.count
                involved += overlapping
            }
        }
        if checks.contains(.unpaired) {
            let ordered = Array(rows)
            let unpaired = ordered.indices.dropLast().filter { end(ordered[$0]) == nil }.map { ordered[$0] }
            if !unpaired.isEmpty {
                findings.append("unpaired: \(unpaired.count) outage records have no end but a later record follows")
                count += unpaired.count
                involved += unpaired
            }
        }
        if let limit = maxClockOffsetSeconds, let offset = clockOffsets[meterNames[meter]], abs(offset) > limit {
            findings.append("clock_offset: the meter's clock is \(offset) s off the gateway's (more than \(limit) s)")
            count += 1
        }
        let future = checks.contains(.future) ? rows.filter { columns.start[Int($0)] > at || (end($0) ?? .min) > at } : []
        if !future.isEmpty {
            findings.append("future: \(future.count) outage records start or end after the evaluation time")
            count += future.count
            involved += future
        }
        if let voltage {
            let samples = voltage.samples(ofMeter: meter).filter { voltage.time[Int($0)] <= at }
            if checks.contains(.outOfRange) {
                let limit = 2 * topology.nominalVoltage[meter]
                let bad = samples.filter { let value = voltage.voltage[Int($0)]; return value < 0 || value > limit }.count
                if bad > 0 { findings.append("out_of_range: \(bad) voltage samples outside 0 to \(limit) V"); count += bad }
            }
            if let silentSeconds {
                let last = samples.last.map { voltage.time[Int($0)] }
                if last.map({ at - $0 > silentSeconds }) ?? true {
                    findings.append("silent: " + (last.map { "no voltage sample since \(context.clock.format($0))" } ?? "no voltage sample"))
                    count += 1
                }
            }
        } else if let silentSeconds, let answered = lastAnswered[meterNames[meter]] {
            let last = answered
            if last.map({ at - $0 > silentSeconds }) ?? true {
                findings.append("silent: " + (last.map { "no answer since \(context.clock.format($0))" } ?? "never answered"))
                count += 1
            }
        }
        guard count > 0, rule.count.holds(count) else { return nil }
        let references = Set(involved).sorted { (columns.start[Int($0)], $0) < (columns.start[Int($1)], $1) }.map { reference(row: Int($0)) }
        return Violation(rule: rule.id, level: rule.level, entity: .meter, entityID: meterNames[meter], count: count,
                         from: references.first.map { min($0.start, at) } ?? at, to: at, outages: references, findings: findings)
    }
}
