import Collector
import DeviceProfiles
import GridWatchCore
import Logging
import Modbus
import Reliability
import Store

/// Turns what the collector reads into outage records (issue 4), best source first:
/// 1. a meter's own outage log, clock-corrected by the meter's measured offset and drift, upserted by
///    (meter, logged start) so that re-reading never duplicates; it confirms and supersedes
///    provisional records of the same outage;
/// 2. a terminal unit reporting loss of voltage on its area: provisional records for every meter of
///    the area, closed when voltage returns;
/// 3. every meter of an area silent together while the bus is known good and no terminal unit
///    speaks for the area: inferred provisional records, closed as meters answer again.
/// A lone silent meter whose area's terminal unit shows normal voltage is a communication fault and
/// produces nothing. Records of one area starting within `eventTolerance` form one interruption event.
///
/// The outage log is read with its poll group every cycle of that group: the count and the records
/// share one request, so reading them "on first contact, when `outage_count` changes and while a
/// record is open" would save nothing on the wire.
actor OutageAggregator {
    private let store: Store
    private let logger: Logger
    private let roles: [String: DeviceConfiguration.Role]
    private let areaOfDevice: [String: String]
    private var areas: [String: AreaState] = [:]
    private var events: [String: InterruptionEventRecord] = [:]
    /// Open provisional records by meter: stored id, start and event.
    private var provisional: [String: (id: Int64, record: OutageRecord)] = [:]
    /// Closed provisional records not yet confirmed by a log, by meter (kept for superseding).
    private var unconfirmed: [String: [(id: Int64, start: Int64, end: Int64)]] = [:]
    private var clocks: [String: MeterClockDrift] = [:]
    /// The latest outage each meter's own log confirmed: its start and end (`nil` while open).
    private var lastLogged: [String: (start: Int64, end: Int64?)] = [:]
    private let eventTolerance: Int64 = InterruptionEvents.defaultToleranceSeconds
    private let mergeTolerance: Int64 = OutageMerging.defaultToleranceSeconds

    init(configuration: GatewayConfiguration, placements: [MeterPlacement], store: Store, logger: Logger) {
        self.store = store
        self.logger = logger
        roles = Dictionary(uniqueKeysWithValues: configuration.devices.map { ($0.id, $0.role) })
        var areaOfDevice: [String: String] = [:]
        for placement in placements where !placement.area.isEmpty {
            areaOfDevice[placement.meterID] = placement.area
            areas[placement.area, default: AreaState()].meters.insert(placement.meterID)
            areas[placement.area]?.line = placement.line
            areas[placement.area]?.nominalVoltage = placement.nominalVoltage
        }
        for device in configuration.devices where device.role == .terminalUnit {
            if let area = device.area { areaOfDevice[device.id] = area }
        }
        self.areaOfDevice = areaOfDevice
    }

    /// Takes up provisional records left open by the previous run.
    func resume() async throws {
        for stored in try await store.outages(OutageQuery(openOnly: true)) where stored.record.source != .meterLog {
            provisional[stored.record.meterID] = (stored.id, stored.record)
            if let area = stored.area, let event = stored.record.eventID, areas[area]?.provisional == nil {
                areas[area]?.provisional = (event, stored.record.start)
            }
        }
    }

    /// Folds in one finished poll cycle.
    func observe(_ cycle: PolledCycle<DeviceReadResult>) async {
        do {
            switch roles[cycle.deviceID] ?? .other {
            case .meter: try await observeMeter(cycle.deviceID, cycle.outcome)
            case .terminalUnit: try await observeTerminalUnit(cycle.deviceID, cycle.outcome)
            case .other: break
            }
        } catch {
            logger.error("outage records not stored", metadata: ["device.id": "\(cycle.deviceID)", "error": "\(error)"])
        }
    }

    // MARK: - Meters

    private func observeMeter(_ meter: String, _ result: DeviceReadResult) async throws {
        let now = result.timeMillis / 1000
        let area = areaOfDevice[meter]
        guard result.answered else {
            if let area, result.failure?.code.exceptionCode == nil, areas[area]?.silentSince[meter] == nil {
                areas[area]?.silentSince[meter] = now
                try await judgeSilence(area: area, now: now)
            }
            return
        }
        if let area { areas[area]?.silentSince[meter] = nil }
        if let clock = result.value("meter_clock") {
            clocks[meter, default: MeterClockDrift()].record(MeterClockOffset(meterClock: Int64(clock), gatewayTime: now))
        }
        if let log = result.outageLog {
            try await importLog(meter, log, outageCount: result.value("outage_count").map { Int($0) }, now: result.timeMillis)
        }
        // An inferred outage ends for a meter when it answers again.
        if let open = provisional[meter], open.record.source == .inferred {
            try await closeProvisional(meter: meter, at: now)
        }
    }

    private func importLog(_ meter: String, _ log: [OutageLogEntry], outageCount: Int?, now: Int64) async throws {
        let clock = clocks[meter] ?? MeterClockDrift()
        let offset = clock.latest?.seconds
        let changed = try await store.saveMeterLog(
            meterID: meter, outageCount: outageCount, clockOffsetMillis: offset.map { $0 * 1000 },
            records: log.map {
                MeterLogRecord(meterID: meter, loggedStart: $0.start, loggedEnd: $0.end, clockOffsetMillis: (offset ?? 0) * 1000, readMillis: now)
            },
            at: now
        )
        guard !changed.isEmpty else { return }
        let area = areaOfDevice[meter]
        var writes: [OutageWrite] = []
        for entry in changed {
            let start = clock.gatewayTime(ofMeterTime: entry.loggedStart) ?? entry.loggedStart
            let end = entry.loggedEnd.map { clock.gatewayTime(ofMeterTime: $0) ?? $0 }
            var superseded: [Int64] = []
            var provisionalEvent: String?
            if let open = provisional[meter], Self.overlap(open.record.start, nil, start, end, tolerance: mergeTolerance) {
                superseded.append(open.id)
                provisionalEvent = open.record.eventID
                provisional[meter] = nil
            }
            let matching = (unconfirmed[meter] ?? []).filter { Self.overlap($0.start, $0.end, start, end, tolerance: mergeTolerance) }
            superseded += matching.map(\.id)
            unconfirmed[meter]?.removeAll { candidate in matching.contains { $0.id == candidate.id } }
            let event = provisionalEvent ?? area.map { self.eventID(area: $0, start: start) }
            let record = OutageRecord(meterID: meter, start: start, end: end, eventID: event, source: .meterLog, confidence: 1)
            if start >= lastLogged[meter]?.start ?? .min { lastLogged[meter] = (start, end) }
            writes.append(OutageWrite(record: record, area: area, line: area.flatMap { areas[$0]?.line }, logStart: entry.loggedStart, supersedes: superseded))
            if let area, let event { noteEvent(event, area: area, record: record) }
        }
        try await store.saveOutages(writes, at: now)
        try await saveEvents(writes.compactMap(\.record.eventID))
    }

    // MARK: - Terminal units and silence

    private func observeTerminalUnit(_ unit: String, _ result: DeviceReadResult) async throws {
        guard let area = areaOfDevice[unit], var state = areas[area] else { return }
        let now = result.timeMillis / 1000
        guard result.answered else {
            state.terminalUnit = .unknown
            areas[area] = state
            return
        }
        let phases = ["voltage_a", "voltage_b", "voltage_c"].compactMap(result.value)
        state.terminalUnit = TerminalUnitVoltage(phaseVoltages: phases, nominal: state.nominalVoltage)
        areas[area] = state
        switch state.terminalUnit {
        case .lost where state.provisional == nil:
            try await openAreaOutage(area: area, start: now, source: .terminalUnit, confidence: 0.9)
        case .normal where state.provisional != nil:
            for meter in state.meters { try await closeProvisional(meter: meter, at: now) }
            areas[area]?.provisional = nil
        default:
            try await judgeSilence(area: area, now: now)
        }
    }

    private func judgeSilence(area: String, now: Int64) async throws {
        guard let state = areas[area], state.provisional == nil else { return }
        let verdict = SilenceClassifier.classify(
            silentMeters: state.silentSince.count, areaMeters: state.meters.count,
            linkKnownGood: state.terminalUnit != .unknown || state.silentSince.count < state.meters.count,
            terminalUnit: state.terminalUnit
        )
        if case .outage(let source) = verdict {
            let start = state.silentSince.values.min() ?? now
            try await openAreaOutage(area: area, start: start, source: source == .terminalUnit ? .terminalUnit : .inferred,
                                     confidence: source == .terminalUnit ? 0.9 : 0.6)
        }
    }

    private func openAreaOutage(area: String, start: Int64, source: OutageSource, confidence: Double) async throws {
        guard let state = areas[area] else { return }
        let event = eventID(area: area, start: start)
        areas[area]?.provisional = (event, start)
        // A meter whose own log already holds this outage (read before the area was judged) needs no provisional record.
        let meters = state.meters.sorted().filter { meter in
            provisional[meter] == nil
                && !(lastLogged[meter].map { Self.overlap($0.start, $0.end, start, nil, tolerance: mergeTolerance) } ?? false)
        }
        let records = meters.map {
            OutageRecord(meterID: $0, start: start, end: nil, eventID: event, source: source, confidence: confidence)
        }
        let ids = try await store.saveOutages(records.map { OutageWrite(record: $0, area: area, line: state.line) }, at: start * 1000)
        for (record, id) in zip(records, ids) {
            provisional[record.meterID] = (id, record)
            noteEvent(event, area: area, record: record)
        }
        try await saveEvents([event])
        logger.notice("area outage detected", metadata: ["area": "\(area)", "source": "\(source.rawValue)", "meters": "\(meters.count)"])
    }

    private func closeProvisional(meter: String, at end: Int64) async throws {
        guard let open = provisional.removeValue(forKey: meter) else { return }
        var record = open.record
        record.end = max(end, record.start)
        let area = areaOfDevice[meter]
        try await store.saveOutages([OutageWrite(id: open.id, record: record, area: area, line: area.flatMap { areas[$0]?.line })], at: end * 1000)
        unconfirmed[meter, default: []].append((open.id, record.start, record.end!))
        if let area, let event = record.eventID {
            noteEvent(event, area: area, record: record)
            try await saveEvents([event])
        }
        if let area, provisional.values.allSatisfy({ areaOfDevice[$0.record.meterID] != area }) {
            areas[area]?.provisional = nil
        }
    }

    /// Whether two outages (an open one runs on for ever) overlap or lie within `tolerance` seconds.
    static func overlap(_ aStart: Int64, _ aEnd: Int64?, _ bStart: Int64, _ bEnd: Int64?, tolerance: Int64) -> Bool {
        aStart <= (bEnd ?? .max - tolerance) + tolerance && bStart <= (aEnd ?? .max - tolerance) + tolerance
    }

    // MARK: - Interruption events

    /// The event of `area` whose start lies within the tolerance of `start`, or a new one.
    private func eventID(area: String, start: Int64) -> String {
        if let match = events.values.first(where: { $0.area == area && abs($0.start - start) <= eventTolerance }) {
            return match.id
        }
        return "\(area)-\(start)"
    }

    private func noteEvent(_ id: String, area: String, record: OutageRecord) {
        var event = events[id] ?? InterruptionEventRecord(
            id: id, area: area, line: areas[area]?.line, start: record.start, end: record.end, meters: 0, outageClass: .faultInternal)
        event.start = min(event.start, record.start)
        events[id] = event
        events = events.filter { _, kept in kept.end.map { $0 >= record.start - 86_400 } ?? true }
    }

    private func saveEvents(_ ids: [String]) async throws {
        let unique = Set(ids).compactMap { events[$0] }
        guard !unique.isEmpty else { return }
        var updated: [InterruptionEventRecord] = []
        for var event in unique {
            let outages = try await store.outages(OutageQuery(eventID: event.id))
            event.meters = Set(outages.map(\.record.meterID)).count
            event.end = outages.contains { $0.record.end == nil } ? nil : outages.compactMap(\.record.end).max()
            events[event.id] = event
            updated.append(event)
        }
        try await store.saveEvents(updated)
    }
}
