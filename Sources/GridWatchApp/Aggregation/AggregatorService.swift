import Collector
import Modbus
import ServiceLifecycle

/// Runs the outage aggregator over the collector's cycles. It is listed before the collector, so on
/// shutdown it stops after it: it takes every cycle the collector finished, then returns.
struct AggregatorService: Service {
    let aggregator: OutageAggregator
    let cycles: AsyncStream<PolledCycle<DeviceReadResult>>

    func run() async throws {
        // GRDB refuses work from a cancelled task: drain from one that graceful shutdown does not cancel.
        await Task { await aggregator.consume(cycles) }.value
        // The cycles end when the collector stops, just before the group shuts this service down: wait
        // for that, so that the group does not take the drained stream for a service that died.
        try? await gracefulShutdown()
    }
}
