import Foundation
import GridWatchCore
import Logging
import Reliability
import ServiceLifecycle
import Store

/// Keeps each day's reliability figures per area, line, county, region and the system, computed from
/// the stored outage records: today's (so far) and yesterday's are recomputed every `interval`, so that
/// late meter logs and annotations are taken in. The stored figures are the sums a period's indices
/// roll up from, and the daily SAIDI history the Major Event Day threshold needs. Every
/// `voltageInterval` it also keeps each meter's voltage minutes of both days (GB/T 12325), from which
/// voltage rules over long windows are summed.
struct DailyFiguresService: Service {
    let configuration: GatewayConfiguration
    let store: Store
    let wallClock: any WallClock
    let logger: Logger
    var interval: Duration = .seconds(60)
    var voltageInterval: Duration = .seconds(900)
    var utcOffsetSeconds = TimeZone.current.secondsFromGMT()

    func run() async throws {
        await cancelWhenGracefulShutdown {
            var voltageComputed: ContinuousClock.Instant?
            repeat {
                do {
                    try await computeRecentDays()
                    if voltageComputed.map({ $0.duration(to: .now) >= voltageInterval }) ?? true {
                        try await computeRecentVoltageDays()
                        voltageComputed = .now
                    }
                } catch {
                    logger.error("daily figures not computed", metadata: ["error": "\(error)"])
                }
            } while (try? await Task.sleep(for: interval)) != nil
        }
    }

    /// Recomputes yesterday and today and stores them. Only records starting from the day before
    /// yesterday are read (a day's figures count the records starting on it; the day before keeps an
    /// event that began just before midnight whole), so the work does not grow with the stored history.
    func computeRecentDays() async throws {
        let now = wallClock.nowMillis() / 1000
        let today = ISO8601Time.localDay(unixSeconds: now, utcOffsetSeconds: utcOffsetSeconds)
        let (topology, outages) = try await configuration.storedOutageTable(
            startingFrom: (today - 2) * 86_400 - Int64(utcOffsetSeconds))
        let engine = ReliabilityIndexEngine(topology: topology, outages: outages)
        var figures: [DailyFigures] = []
        for day in [today - 1, today] {
            let from = day * 86_400 - Int64(utcOffsetSeconds)
            var options = IndexOptions(from: from, to: from + 86_400, utcOffsetSeconds: utcOffsetSeconds, asOf: now)
            options.customerBase = .dayWeighted
            let report = engine.report(levels: [.area, .line, .county, .region, .system], options: options)
            let date = CivilDate(daysSinceEpoch: day).description
            figures += report.groups.map { group in
                DailyFigures(day: date, level: group.level, scopeID: group.id, values: Self.values(of: group))
            }
        }
        try await store.saveDailyFigures(figures)
    }

    /// Each meter's voltage minutes of yesterday and of today so far, stored as meter-level figures.
    func computeRecentVoltageDays() async throws {
        let now = wallClock.nowMillis() / 1000
        let today = ISO8601Time.localDay(unixSeconds: now, utcOffsetSeconds: utcOffsetSeconds)
        let topology = try configuration.topologyTable()
        var figures: [DailyFigures] = []
        for day in [today - 1, today] {
            let from = day * 86_400 - Int64(utcOffsetSeconds)
            let minutes = try await configuration.storedVoltageMinutes(in: store, topology: topology, from: from, to: min(from + 86_400, now + 1))
            let date = CivilDate(daysSinceEpoch: day).description
            figures += minutes.enumerated().filter { $0.element.monitored > 0 }.map { meter, own in
                DailyFigures(day: date, level: .meter, scopeID: topology.meterID(at: meter), values: VoltageFigure.values(own))
            }
        }
        try await store.saveDailyFigures(figures)
    }

    /// The day's numerators and denominators (and SAIDI for the MED history).
    static func values(of group: GroupIndices) -> [String: Double] {
        var values: [String: Double] = [
            "customers": group.customers,
            "customer_interruptions": group.ieee1366.ci,
            "customer_minutes": group.ieee1366.cmiMinutes,
            "customer_hours": group.dlt836.customerHours,
        ]
        values["saidi_minutes"] = group.ieee1366.saidiMinutes
        values["saifi"] = group.ieee1366.saifi
        values["maifi"] = group.ieee1366.maifi
        values["short_outages_per_user"] = group.dlt836.shortOutagesPerUser
        return values
    }
}
