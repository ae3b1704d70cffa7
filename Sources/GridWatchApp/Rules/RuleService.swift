import GridWatchCore
import Logging
import ServiceLifecycle
import Store

/// Runs the rule checker continuously: at once when the stored records change (a new, corrected or
/// annotated outage; at most every `minimumGap`), and every `check_interval` in any case, so that
/// windows moving with time open and close violations too. Idles while no rules are configured.
struct RuleService: Service {
    let checker: RuleChecker
    let store: Store
    let wallClock: any WallClock
    let logger: Logger
    var minimumGap: Duration = .seconds(2)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            var checkedVersion: Int64?
            var lastCheck: ContinuousClock.Instant?
            repeat {
                guard let interval = await checker.configuration.rules?.checkInterval else { continue }
                do {
                    let version = try await store.recordsVersion()
                    guard version != checkedVersion || lastCheck.map({ $0.duration(to: .now) >= interval }) ?? true else { continue }
                    lastCheck = .now
                    guard let outcome = try await checker.check(at: wallClock.nowMillis() / 1000) else { continue }
                    checkedVersion = version
                    GatewayMetrics.recordRuleCheck(outcome)
                    if outcome.opened + outcome.closed > 0 {
                        logger.notice("violations changed", metadata: [
                            "opened": "\(outcome.opened)", "closed": "\(outcome.closed)", "open": "\(outcome.open)",
                        ])
                    }
                } catch {
                    logger.error("rules not checked", metadata: ["error": "\(error)"])
                }
            } while (try? await Task.sleep(for: minimumGap)) != nil
        }
    }
}
