import Collector
import Modbus
import GridWatchCore
import Logging
import ServiceLifecycle
import Store

/// `gridwatch run`: the program a gateway runs for years. Opens the store, records the gap since the
/// last run, registers the configured devices, then polls and stores until SIGTERM or SIGINT, when
/// in-flight reads end and the writer commits what is pending.
public struct GatewayDaemon: Sendable {
    public let configuration: GatewayConfiguration
    public let wallClock: any WallClock
    public let logger: Logger
    /// Loads the configuration again on SIGHUP (`nil`: SIGHUP is not handled).
    public let reload: (@Sendable () throws -> GatewayConfiguration)?

    public init(
        configuration: GatewayConfiguration, wallClock: any WallClock = SystemWallClock(), logger: Logger,
        reload: (@Sendable () throws -> GatewayConfiguration)? = nil
    ) {
        self.configuration = configuration
        self.wallClock = wallClock
        self.logger = logger
        self.reload = reload
    }

    public func run() async throws {
        let store = try Store(configuration.store)
        let (runID, gap) = try await store.beginRun(at: wallClock.nowMillis())
        if let gap {
            logger.notice("gateway was down", metadata: [
                "gap.start_ms": "\(gap.startMillis)", "gap.end_ms": "\(gap.endMillis)", "gap.reason": "\(gap.reason.rawValue)",
            ])
        }
        try await store.registerDevices(configuration.deviceRecords, at: wallClock.nowMillis())

        let writer = ReadingWriter(store: store, runID: runID, onCommit: GatewayMetrics.recordCommit)
        let aggregator = OutageAggregator(
            configuration: configuration, placements: try configuration.meterPlacements(), store: store, logger: logger)
        try await aggregator.resume(now: wallClock.nowMillis() / 1000)
        // Cycles that the aggregator has not taken yet: its logs are re-read every cycle of their group,
        // so under a long stall dropping the oldest loses nothing for good. A cycle holds about 5 KB:
        // 10,000 bound the buffer near 50 MB when devices polled as fast as they answer outrun it.
        let (cycles, aggregatorInput) = AsyncStream.makeStream(of: PolledCycle<DeviceReadResult>.self, bufferingPolicy: .bufferingNewest(10_000))
        let recorder = CycleRecorder(writer: writer, store: store, aggregatorInput: aggregatorInput, logger: logger)
        let reloads = ConfigurationReloads()
        let rules = RuleChecker(configuration: configuration, store: store)
        let group = ServiceGroup(configuration: .init(
            services: [
                .init(service: ReadingWriterService(writer: writer)),
                .init(service: AggregatorService(aggregator: aggregator, cycles: cycles)),
                .init(service: CollectorService(configuration: configuration, recorder: recorder, reloads: reloads, wallClock: wallClock, logger: logger)),
                .init(service: StoreMaintenanceService(store: store, logger: logger)),
                .init(service: WatchdogService(notifier: SystemdNotifier(), recorder: recorder, devices: configuration.devices.count)),
                .init(service: DailyFiguresService(configuration: configuration, store: store, wallClock: wallClock, logger: logger)),
                .init(service: try HTTPService(configuration: configuration, store: store, writer: writer, recorder: recorder, logger: logger)),
                .init(service: RuleService(checker: rules, store: store, wallClock: wallClock, logger: logger)),
                .init(service: WebhookService(checker: rules, store: store, wallClock: wallClock, logger: logger)),
                .init(service: ReloadService(
                    running: configuration, runningHTTP: try configuration.httpConfiguration(), load: reload, reloads: reloads, aggregator: aggregator, rules: rules, store: store, wallClock: wallClock, logger: logger)),
                .init(service: ForwardingService(configuration: configuration, store: store, logger: logger)),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        logger.notice("gridwatch started", metadata: [
            "config": "\(configuration.file)", "buses": "\(configuration.buses.count)",
            "devices": "\(configuration.devices.count)", "database": "\(configuration.database)",
            "rules": "\(configuration.rules.map { "\($0.ruleSet.rules.count) from \($0.file)" } ?? "none")",
        ])
        try await group.run()
        try await store.endRun(runID, at: wallClock.nowMillis())
        let polled = await recorder.cycles
        logger.notice("gridwatch stopped", metadata: ["cycles": "\(polled)"])
    }
}
