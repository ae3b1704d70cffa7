import Collector
import Metrics
import Modbus
import Prometheus
import Store

/// The daemon's Prometheus metrics, recorded through swift-metrics into one registry that `/metrics`
/// emits. Names follow Prometheus conventions; per device, labels are `bus` and `device`.
enum GatewayMetrics {
    static let registry = PrometheusCollectorRegistry()

    private static let factory: PrometheusMetricsFactory = {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000].map { Duration.milliseconds($0) }
        return factory
    }()

    /// One device's metric handles, made on its first cycle and kept by the caller: making them anew
    /// for every cycle costs a registry look-up each, more than recording does.
    struct DeviceMetrics: Sendable {
        let busID: String
        fileprivate let dimensions: [(String, String)]
        fileprivate let answered: Metrics.Counter
        fileprivate let duration: Metrics.Timer
        fileprivate let offline: Metrics.Gauge
        fileprivate let lastSuccess: Metrics.Gauge

        init(busID: String, deviceID: String) {
            self.busID = busID
            dimensions = [("bus", busID), ("device", deviceID)]
            answered = Counter(label: "gridwatch_modbus_requests_total", dimensions: dimensions + [("result", "ok")], factory: factory)
            duration = Metrics.Timer(label: "gridwatch_modbus_request_duration_seconds", dimensions: dimensions, factory: factory)
            offline = Gauge(label: "gridwatch_device_offline", dimensions: dimensions, factory: factory)
            lastSuccess = Gauge(label: "gridwatch_device_last_success_timestamp_seconds", dimensions: dimensions, factory: factory)
        }
    }

    /// One finished poll cycle of the device `metrics` belong to: its result, latency, the device's
    /// offline state (1 when offline or never seen) and last success.
    static func record(_ cycle: PolledCycle<DeviceReadResult>, _ metrics: DeviceMetrics) {
        let report = cycle.outcome.report
        if let failure = report.failure {
            Counter(label: "gridwatch_modbus_requests_total", dimensions: metrics.dimensions + [("result", failure.rawValue)], factory: factory)
                .increment()
        } else {
            metrics.answered.increment()
        }
        if let code = report.errorCode {
            Counter(label: "gridwatch_modbus_failures_total", dimensions: metrics.dimensions + [("code", code)], factory: factory).increment()
        }
        metrics.duration.record(duration: report.latency)
        let answering = cycle.health.status == .online || cycle.health.status == .degraded
        metrics.offline.record(answering ? 0 : 1)
        if let last = cycle.health.lastSuccessMillis {
            metrics.lastSuccess.record(Double(last) / 1000)
        }
    }

    /// One committed batch of the reading writer.
    @Sendable static func recordCommit(_ report: CommitReport) {
        Counter(label: "gridwatch_store_rows_written_total", factory: factory).increment(by: report.readings)
        Metrics.Timer(label: "gridwatch_store_batch_duration_seconds", factory: factory).record(duration: report.transactionDuration)
    }

    /// One check of the rule stage: its evaluation time and the violations it opened and closed.
    static func recordRuleCheck(_ outcome: RuleChecker.Outcome) {
        Metrics.Timer(label: "gridwatch_rules_evaluation_duration_seconds", factory: factory).record(duration: outcome.evaluationDuration)
        Counter(label: "gridwatch_rules_violations_opened_total", factory: factory).increment(by: outcome.opened)
        Counter(label: "gridwatch_rules_violations_closed_total", factory: factory).increment(by: outcome.closed)
    }

    /// One webhook call, delivered or failed.
    static func recordWebhook(delivered: Bool) {
        Counter(label: "gridwatch_webhook_calls_total", dimensions: [("result", delivered ? "delivered" : "failed")], factory: factory)
            .increment()
    }

    /// The Prometheus text, with the gauges read from the store at scrape time (database size, open
    /// outages, open violations) brought up to date first.
    static func exposition(store: Store) async -> String {
        if let usage = try? await store.diskUsage() {
            Gauge(label: "gridwatch_store_database_bytes", factory: factory).record(usage.totalBytes)
        }
        if let open = try? await store.outages(OutageQuery(openOnly: true)) {
            Gauge(label: "gridwatch_open_outages", factory: factory).record(open.count)
        }
        if let open = try? await store.violations(openOnly: true) {
            Gauge(label: "gridwatch_open_violations", factory: factory).record(open.count)
        }
        return registry.emitToString()
    }
}
