import GridWatchCore

/// Where each sum sits in a group's row of the sums matrix (one row of `Double`s per group).
///
/// A row is `[customers, kVA, IEEE block, IEEE block without MEDs, DL/T block]`. Every field is a sum
/// over meters or records, so a group's row is the sum of its members' rows: roll-up never averages.
struct SumsLayout {
    let cemiCount: Int

    static let customers = 0, kva = 1
    // IEEE block fields (offsets inside a block).
    static let ci = 0, cmi = 1, customersInterrupted = 2, kvaInterrupted = 3, kvaMinutes = 4,
        momentaryOperations = 5, momentaryEvents = 6, celidSingle = 7, celidTotal = 8, cemi = 9
    var cemsmi: Int { Self.cemi + cemiCount }
    var ieeeWidth: Int { Self.cemi + 2 * cemiCount }
    var ieee: Int { 2 }
    var ieeeExcludingMED: Int { 2 + ieeeWidth }
    var dlt: Int { 2 + 2 * ieeeWidth }
    var width: Int { dlt + DLTSum.count }
}

/// DL/T 836 fields (offsets inside the DL/T block). Event counts are filled per level, not rolled up.
enum DLTSum {
    static let customerHours = 0, users = 1, externalHours = 2, externalUsers = 3, shortageHours = 4,
        shortageUsers = 5, faultHours = 6, faultUsers = 7, prearrangedHours = 8, prearrangedUsers = 9,
        shortUsers = 10, events = 11, faultEvents = 12, faultEventHours = 13, prearrangedEvents = 14,
        prearrangedEventHours = 15, count = 16
    /// Fields summed from meters (the rest are event counts).
    static let meterFields = 0..<events
}

/// One meter's IEEE 1366 tally over the period, in whole interruptions and seconds.
///
/// Momentary events: momentary operations (records of at most 300 s, each counting
/// `max(reclose_operations, 1)` operations) that start within 5 min of an event's first operation form
/// one event. An event followed by a sustained interruption starting within 5 min after its last
/// operation ended is a lockout sequence and is not counted in MAIFIe or CEMSMI; the reclose
/// operations recorded on a sustained record are momentary interruptions (MAIFI) before a lockout.
struct IEEEMeterTally {
    var sustainedCount = 0
    var sustainedSeconds: Int64 = 0
    var longestSustainedSeconds: Int64 = 0
    var momentaryOperations = 0
    var momentaryEvents = 0
    private var pendingEvent = false
    private var eventFirstStart: Int64 = 0
    private var eventLastEnd: Int64 = 0

    @inline(__always)
    mutating func addSustained(start: Int64, seconds: Int64, recloseOperations: Int32, window: Int64) {
        sustainedCount += 1
        sustainedSeconds += seconds
        longestSustainedSeconds = max(longestSustainedSeconds, seconds)
        momentaryOperations += Int(recloseOperations)
        if pendingEvent {
            if start - eventLastEnd > window { momentaryEvents += 1 }
            pendingEvent = false
        }
    }

    @inline(__always)
    mutating func addMomentary(start: Int64, seconds: Int64, recloseOperations: Int32, window: Int64) {
        momentaryOperations += max(Int(recloseOperations), 1)
        if pendingEvent, start - eventFirstStart <= window {
            eventLastEnd = max(eventLastEnd, start + seconds)
            return
        }
        if pendingEvent { momentaryEvents += 1 }
        pendingEvent = true
        eventFirstStart = start
        eventLastEnd = start + seconds
    }

    /// Adds this meter to a group's IEEE block.
    @inline(__always)
    mutating func finish(into block: UnsafeMutablePointer<Double>, customers: Double, kva: Double,
                         layout: SumsLayout, options: IndexOptions) {
        if pendingEvent { momentaryEvents += 1; pendingEvent = false }
        let sustainedMinutes = Double(sustainedSeconds) / 60
        block[SumsLayout.ci] += customers * Double(sustainedCount)
        block[SumsLayout.cmi] += customers * sustainedMinutes
        block[SumsLayout.kvaInterrupted] += kva * Double(sustainedCount)
        block[SumsLayout.kvaMinutes] += kva * sustainedMinutes
        block[SumsLayout.momentaryOperations] += customers * Double(momentaryOperations)
        block[SumsLayout.momentaryEvents] += customers * Double(momentaryEvents)
        guard sustainedCount + momentaryEvents > 0 else { return }
        if sustainedCount > 0 {
            block[SumsLayout.customersInterrupted] += customers
            if Double(longestSustainedSeconds) >= options.celidSingleMinutes * 60 { block[SumsLayout.celidSingle] += customers }
            if Double(sustainedSeconds) >= options.celidTotalMinutes * 60 { block[SumsLayout.celidTotal] += customers }
        }
        for (index, n) in options.cemiThresholds.enumerated() {
            if sustainedCount > n { block[SumsLayout.cemi + index] += customers }
            if sustainedCount + momentaryEvents > n { block[layout.cemsmi + index] += customers }
        }
    }
}

/// One meter's DL/T 836 tally: (count, seconds) of non-short outages by class family, and short outages.
struct DLTMeterTally {
    var count = 0, seconds: Int64 = 0
    var externalCount = 0, externalSeconds: Int64 = 0
    var shortageCount = 0, shortageSeconds: Int64 = 0
    var faultCount = 0, faultSeconds: Int64 = 0
    var shortCount = 0

    @inline(__always)
    mutating func add(seconds duration: Int64, outageClass: OutageClass, shortAtMost: Int64) {
        if duration <= shortAtMost { shortCount += 1; return }
        count += 1
        seconds += duration
        if outageClass.isFault { faultCount += 1; faultSeconds += duration }
        if outageClass.isExternalInfluence { externalCount += 1; externalSeconds += duration }
        if outageClass == .supplyShortage { shortageCount += 1; shortageSeconds += duration }
    }

    @inline(__always)
    func finish(into block: UnsafeMutablePointer<Double>, customers: Double) {
        guard count + shortCount > 0 else { return }
        block[DLTSum.customerHours] += customers * Double(seconds) / 3_600
        block[DLTSum.users] += customers * Double(count)
        block[DLTSum.externalHours] += customers * Double(externalSeconds) / 3_600
        block[DLTSum.externalUsers] += customers * Double(externalCount)
        block[DLTSum.shortageHours] += customers * Double(shortageSeconds) / 3_600
        block[DLTSum.shortageUsers] += customers * Double(shortageCount)
        block[DLTSum.faultHours] += customers * Double(faultSeconds) / 3_600
        block[DLTSum.faultUsers] += customers * Double(faultCount)
        block[DLTSum.prearrangedHours] += customers * Double(seconds - faultSeconds) / 3_600
        block[DLTSum.prearrangedUsers] += customers * Double(count - faultCount)
        block[DLTSum.shortUsers] += customers * Double(shortCount)
    }
}
