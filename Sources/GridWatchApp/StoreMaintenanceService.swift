import Logging
import ServiceLifecycle
import Store

/// Condenses old raw readings into per-minute and per-15-minute aggregates, applies retention and
/// the size limit, and logs the disk use, every `interval`.
struct StoreMaintenanceService: Service {
    let store: Store
    let logger: Logger
    var interval: Duration = .seconds(600)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while (try? await Task.sleep(for: interval)) != nil {
                do {
                    let report = try await store.maintain()
                    logger.info("store maintained", metadata: [
                        "deleted.raw": "\(report.deletedRawReadings)", "deleted.for_size": "\(report.deletedForSizeLimit)",
                        "disk.bytes": "\(report.diskUsage.totalBytes)",
                    ])
                } catch {
                    logger.error("store maintenance failed", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
