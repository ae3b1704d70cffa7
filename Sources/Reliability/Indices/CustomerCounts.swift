/// Customers served (N_T) and connected kVA (L_T) under a `CustomerBase`, for the period and per day.
struct CustomerCounts {
    let topology: Topology
    let options: IndexOptions

    /// The weight (0...1) with which meter `meter` counts over the whole period.
    @inline(__always)
    func periodWeight(_ meter: Int) -> Double {
        let from = topology.inServiceFrom[meter], to = topology.inServiceTo[meter]
        switch options.customerBase {
        case .constant: return 1
        case .periodEnd:
            let last = options.to - 1
            return from <= last && last < to ? 1 : 0
        case .dayWeighted:
            if from == .min && to == .max { return 1 }
            let overlap = min(to, options.to) - max(from, options.from)
            return overlap > 0 ? Double(overlap) / Double(options.to - options.from) : 0
        }
    }

    /// Customers served on each local day `firstDay ..< firstDay + dayCount` (for daily SAIDI).
    func dailyCustomers(firstDay: Int64, dayCount: Int) -> [Double] {
        var constant = 0.0
        var daily = [Double](repeating: 0, count: dayCount)
        var fullDayChanges = [Double](repeating: 0, count: dayCount + 1)
        let base = firstDay * 86_400 - Int64(options.utcOffsetSeconds)
        let end = base + Int64(dayCount) * 86_400
        for meter in 0..<topology.meterCount {
            let customers = Double(topology.customers[meter])
            let from = topology.inServiceFrom[meter], to = topology.inServiceTo[meter]
            if options.customerBase != .dayWeighted || (from == .min && to == .max) {
                constant += customers * periodWeight(meter)
                continue
            }
            let start = max(from, base), stop = min(to, end)
            guard start < stop else { continue }
            let firstIndex = Int((start - base) / 86_400), lastIndex = Int((stop - base) / 86_400)
            if firstIndex == lastIndex {
                daily[firstIndex] += customers * Double(stop - start) / 86_400
                continue
            }
            daily[firstIndex] += customers * Double(base + Int64(firstIndex + 1) * 86_400 - start) / 86_400
            fullDayChanges[firstIndex + 1] += customers
            fullDayChanges[lastIndex] -= customers
            if lastIndex < dayCount { daily[lastIndex] += customers * Double(stop - base - Int64(lastIndex) * 86_400) / 86_400 }
        }
        var running = 0.0
        for day in 0..<dayCount {
            running += fullDayChanges[day]
            daily[day] += running + constant
        }
        return daily
    }
}
