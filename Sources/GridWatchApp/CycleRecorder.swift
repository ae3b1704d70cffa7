import Collector
import GridWatchCore
import Logging
import Modbus
import Store

/// Where finished poll cycles go: readings to the batched writer, what they say of outages to the
/// aggregator, status changes to the log, device health to the store. A device's current health is
/// stored whenever `saveHealth()` runs (every few seconds, never on the polling path: a hundred meters
/// going offline at once must not hold up their buses); a history row only after a status change or
/// once per `historyInterval`, so history stays small.
actor CycleRecorder {
    private let writer: ReadingWriter
    private let store: Store
    private let aggregatorInput: AsyncStream<PolledCycle<DeviceReadResult>>.Continuation
    private let logger: Logger
    private let historyIntervalMillis: Int64
    private var latestHealth: [String: DeviceHealth] = [:]
    private var unsavedHealth: Set<String> = []
    private var historyDue: Set<String> = []
    private var lastHistoryMillis: [String: Int64] = [:]
    private var metrics: [String: GatewayMetrics.DeviceMetrics] = [:]
    private(set) var cycles = 0
    /// Whether readings are being committed (not when the disk is full), as of the last `saveHealth()`.
    private(set) var writerCondition = WriterCondition()

    init(
        writer: ReadingWriter, store: Store, aggregatorInput: AsyncStream<PolledCycle<DeviceReadResult>>.Continuation,
        logger: Logger, historyInterval: Duration = .seconds(300)
    ) {
        self.writer = writer
        self.store = store
        self.aggregatorInput = aggregatorInput
        self.logger = logger
        historyIntervalMillis = Int64(historyInterval.components.seconds * 1000)
    }

    func record(_ cycle: PolledCycle<DeviceReadResult>) async {
        cycles += 1
        let id = cycle.deviceID
        // A reloaded configuration may have moved the device to another bus.
        if metrics[id]?.busID != cycle.busID { metrics[id] = GatewayMetrics.DeviceMetrics(busID: cycle.busID, deviceID: id) }
        GatewayMetrics.record(cycle, metrics[id]!)
        await writer.enqueue(cycle.outcome.readings(deviceID: cycle.deviceID))
        aggregatorInput.yield(cycle)
        let previous = latestHealth.updateValue(cycle.health, forKey: id)
        unsavedHealth.insert(id)
        if cycle.wallMillis - (lastHistoryMillis[id] ?? .min / 2) >= historyIntervalMillis { historyDue.insert(id) }
        if previous?.status != cycle.health.status {
            var metadata: Logger.Metadata = ["device.id": "\(id)", "bus.id": "\(cycle.busID)", "status": "\(cycle.health.status.rawValue)"]
            if let failure = cycle.outcome.failure { metadata["error"] = "\(failure)" }
            logger.notice("device status changed", metadata: metadata)
            historyDue.insert(id)
        }
    }

    /// Ends the aggregator's input once no more cycles will come.
    func finish() {
        aggregatorInput.finish()
    }

    /// Stores the current health of every device polled since the last save, and the history rows
    /// due; logs when the writer starts or stops failing (disk full) and when it drops readings.
    func saveHealth() async {
        for change in writerCondition.update(await writer.statistics) { log(change) }
        guard !unsavedHealth.isEmpty else { return }
        let history = historyDue.intersection(unsavedHealth).compactMap { latestHealth[$0] }
        let current = unsavedHealth.subtracting(historyDue).compactMap { latestHealth[$0] }
        do {
            try await store.saveHealth(current, history: false)
            try await store.saveHealth(history, history: true)
            unsavedHealth.removeAll()
            for health in history {
                lastHistoryMillis[health.deviceID] = health.timeMillis
                historyDue.remove(health.deviceID)
            }
        } catch is CancellationError {
            // Shutdown cancelled this save; `CollectorService` stores the health once more after it.
        } catch {
            logger.error("device health not stored", metadata: ["error": "\(error)"])
        }
    }

    private func log(_ change: WriterCondition.Change) {
        switch change {
        case .failing(let error, let pending):
            logger.error("readings not committed, kept in memory until the database is writable", metadata: [
                "error": "\(error)", "readings.pending": "\(pending)",
            ])
        case .recovered(let pending):
            logger.notice("readings committed again", metadata: ["readings.pending": "\(pending)"])
        case .dropped(let count, let total):
            logger.error("oldest pending readings dropped, memory buffer full", metadata: [
                "readings.dropped": "\(count)", "readings.dropped_total": "\(total)",
            ])
        }
    }
}
