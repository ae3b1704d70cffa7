import GridWatchApp
import GridWatchCore

/// The demo's closing report.
struct DemoReport {
    let result: DemoResult

    func print() async throws {
        let failing = result.devices.filter { ($0.health?.timeouts ?? 0) + ($0.health?.exceptions ?? 0) > 0 }
        Swift.print("""

            Collected
              devices polled        \(result.devices.count) on \(result.configuration.buses.count) buses (\(result.requestsServed) Modbus requests answered)
              readings stored       \(result.readings)
              links that failed     \(failing.count) devices had timeouts (meters without supply, and one with a failed radio)

            Outages (meters' event logs, confirmed; terminal units and silence, provisional)
              scripted by the scenario   \(result.scripted.count)
              found and matching         \(result.matched) (duration within \(DemoResult.durationToleranceSeconds) s, start within \(result.startToleranceSeconds) s)
              missed                     \(result.missed.count)
              found but not scripted     \(result.unexpected.count)
            """)
        for outage in result.unexpected.prefix(5) {
            let duration = outage.record.end.map { "\($0 - outage.record.start) s" } ?? "open"
            Swift.print("    unexpected: \(outage.record.meterID) at +\(outage.record.start - result.from) s for \(duration) (\(outage.record.source.rawValue))")
        }
        for outage in result.missed.prefix(5) {
            Swift.print("    missed: \(outage.meterID) at +\(outage.start - result.from) s for \(outage.end - outage.start) s (\(outage.eventID))")
        }
        Swift.print("""

            Reliability, \(ISO8601Time.format(unixSeconds: result.from, utcOffsetSeconds: 0)) to \
            \(ISO8601Time.format(unixSeconds: result.to, utcOffsetSeconds: 0)) (sustained > 5 min, short ≤ 3 min)
            """)
        Swift.print(IndexTable(report: try await result.indices()).text, terminator: "")
        if let rules = result.configuration.rules {
            Swift.print("\nRule violations found by the daemon while it ran (\(rules.file)): \(result.violations.count)")
            for violation in result.violations.prefix(10) {
                let finding = violation.finding
                Swift.print("  \(finding.level) \(finding.ruleID): \(finding.entity) \(finding.entityID), count \(finding.count)\(violation.isOpen ? "" : " (closed)")")
            }
        }
        Swift.print("\nThe database stays at \(result.configuration.database); try `gridwatch devices --config \(result.configuration.file)`.")
    }
}
