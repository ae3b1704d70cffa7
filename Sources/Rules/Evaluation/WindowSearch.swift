/// Where a rule's window holds over a sorted list of counted starts.
struct WindowHit: Equatable {
    /// The counted units (indices into the starts) inside the window.
    var units: Range<Int>
    var from: Int64
    var to: Int64
    var count: Int { units.count }
}

/// Finds the window of a rule over one entity's counted starts (sorted, none after the evaluation time).
///
/// `calendar_year` and `trailing` have one window. `rolling` tries the window anchored at each counted
/// start (any N-day window holds no more starts than the one anchored at its first start) inside the
/// calendar year, and keeps the largest count that satisfies the condition (the earliest on a tie).
enum WindowSearch {
    static let day: Int64 = 86_400

    static func find(starts: UnsafeBufferPointer<Int64>, window: RuleWindow, condition: CountCondition,
                     at: Int64, clock: LocalClock) -> WindowHit? {
        switch window {
        case .calendarYear:
            let from = clock.yearStart(containing: at)
            let first = firstIndex(in: starts, atOrAfter: from)
            return condition.holds(starts.count - first) ? WindowHit(units: first..<starts.count, from: from, to: at) : nil
        case .trailing(_, let mode):
            let from = start(of: window, at: at, clock: clock)
            let first = firstIndex(in: starts, atOrAfter: mode == .exact ? from + 1 : from)
            return condition.holds(starts.count - first) ? WindowHit(units: first..<starts.count, from: from, to: at) : nil
        case .rolling(let days, let mode):
            return rolling(starts: starts, days: Int64(days), mode: mode, condition: condition, at: at, clock: clock)
        }
    }

    /// Where a window begins: 1 January for `calendar_year` and `rolling`; for `trailing`, local midnight
    /// N − 1 days before the evaluation day (calendar) or N × 24 h before the evaluation time (exact,
    /// exclusive: a start exactly N × 24 h before is outside).
    static func start(of window: RuleWindow, at: Int64, clock: LocalClock) -> Int64 {
        switch window {
        case .calendarYear, .rolling: return clock.yearStart(containing: at)
        case .trailing(let days, .calendar): return clock.midnight(of: clock.day(of: at) - Int64(days) + 1)
        case .trailing(let days, .exact): return at - Int64(days) * day
        }
    }

    private static func rolling(starts: UnsafeBufferPointer<Int64>, days: Int64, mode: WindowMode,
                                condition: CountCondition, at: Int64, clock: LocalClock) -> WindowHit? {
        var anchor = firstIndex(in: starts, atOrAfter: clock.yearStart(containing: at))
        var end = anchor
        var best: WindowHit?
        while anchor < starts.count {
            let anchorStart = starts[anchor]
            let windowEnd: Int64
            switch mode {
            case .calendar: windowEnd = clock.midnight(of: clock.day(of: anchorStart) + days)
            case .exact: windowEnd = anchorStart + days * day
            }
            while end < starts.count, starts[end] < windowEnd { end += 1 }
            let count = end - anchor
            if condition.holds(count), count > (best?.count ?? -1) {
                let from = mode == .calendar ? clock.midnight(of: clock.day(of: anchorStart)) : anchorStart
                best = WindowHit(units: anchor..<end, from: from, to: min(windowEnd, at))
            }
            anchor += 1
        }
        return best
    }

    @inline(__always)
    static func firstIndex(in starts: UnsafeBufferPointer<Int64>, atOrAfter bound: Int64) -> Int {
        var low = 0, high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] < bound { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

extension Rule {
    /// Where this rule's window begins for an evaluation at `at`: 1 January for `calendar_year` and
    /// `rolling`, the trailing window's start otherwise.
    public func windowStart(at: Int64, clock: LocalClock) -> Int64 {
        WindowSearch.start(of: window, at: at, clock: clock)
    }
}
