import Collector
import GridWatchCore
import Logging
import Modbus
import Store

/// Where finished poll cycles go: readings to the batched writer, what they say of outages to the
/// aggregator, device health to the store
/// (at once when a status changes, otherwise every `healthInterval`), status changes to the log.
actor CycleRecorder {
    private let writer: ReadingWriter
    private let store: Store
    private let aggregator: OutageAggregator
    private let logger: Logger
    private var latestHealth: [String: DeviceHealth] = [:]
    private var unsavedHealth: Set<String> = []
    private(set) var cycles = 0
    private(set) var failedCycles = 0

    init(writer: ReadingWriter, store: Store, aggregator: OutageAggregator, logger: Logger) {
        self.writer = writer
        self.store = store
        self.aggregator = aggregator
        self.logger = logger
    }

    func record(_ cycle: PolledCycle<DeviceReadResult>) async {
        cycles += 1
        if !cycle.outcome.answered { failedCycles += 1 }
        await writer.enqueue(cycle.outcome.readings(deviceID: cycle.deviceID))
        await aggregator.observe(cycle)
        let previous = latestHealth.updateValue(cycle.health, forKey: cycle.deviceID)
        unsavedHealth.insert(cycle.deviceID)
        if previous?.status != cycle.health.status {
            var metadata: Logger.Metadata = [
                "device.id": "\(cycle.deviceID)", "bus.id": "\(cycle.busID)", "status": "\(cycle.health.status.rawValue)",
            ]
            if let failure = cycle.outcome.failure { metadata["error"] = "\(failure)" }
            logger.notice("device status changed", metadata: metadata)
            await saveHealth()
        }
    }

    /// Stores the health of every device polled since the last save.
    func saveHealth() async {
        guard !unsavedHealth.isEmpty else { return }
        let snapshots = unsavedHealth.compactMap { latestHealth[$0] }
        unsavedHealth.removeAll()
        do {
            try await store.saveHealth(snapshots)
        } catch {
            logger.error("device health not stored", metadata: ["error": "\(error)"])
        }
    }

    /// The health of every device polled so far.
    var health: [DeviceHealth] { Array(latestHealth.values) }
}
