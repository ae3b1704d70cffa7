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
/// The outage log is read with its poll group every cycle of that group (the count and the records share
/// one request), but taken in only when it differs from the previous read (first contact, a new count or
/// record) or still has an open record: an unchanged, closed log costs no write.
actor OutageAggregator {
    private let store: Store
    private let logger: Logger
    private var roles: [String: DeviceConfiguration.Role]
    private var areaOfDevice: [String: String]
    /// Meters whose profile has a `meter_clock` point: their logs are read once their clock was.
    private var metersWithClock: Set<String>
    /// Meters whose clock register this run has read (a rejected value counts: their logs go uncorrected).
    private var clockRead: Set<String> = []
    private var areas: [String: AreaState]
    private var events: [String: InterruptionEventRecord] = [:]
    /// Open provisional records by meter: stored id, start and event.
    private var provisional: [String: (id: Int64, record: OutageRecord)] = [:]
    /// Closed provisional records not yet confirmed by a log, by meter (kept for superseding).
    private var unconfirmed: [String: [(id: Int64, start: Int64, end: Int64)]] = [:]
    private var clocks: [String: MeterClockDrift] = [:]
    /// The latest outage each meter's own log confirmed: its start and end (`nil` while open).
    private var lastLogged: [String: (start: Int64, end: Int64?)] = [:]
    /// The outage-log counter each meter read last (a counter that goes backwards is flagged).
    private var lastOutageCount: [String: Int] = [:]
    /// Each meter's log as last taken in, while every record in it was closed: a read equal to it has
    /// nothing new. (Comparing the records too, not the count alone, keeps a meter that counts before it
    /// writes the record from losing that record.)
    private var settledLogs: [String: (count: Int?, records: [OutageLogEntry])] = [:]
    /// When each meter's rejection reason was last stored (a log is read again every cycle of its group).
    private var flagged: [String: Int64] = [:]
    /// A flag already stored is brought up to date at most this often.
    private let flagRefreshMillis: Int64 = 60_000
    private let eventTolerance: Int64 = InterruptionEvents.defaultToleranceSeconds
    private let mergeTolerance: Int64 = OutageMerging.defaultToleranceSeconds

    init(configuration: GatewayConfiguration, placements: [MeterPlacement], store: Store, logger: Logger) {
        self.store = store
        self.logger = logger
        (roles, areaOfDevice, areas) = Self.layout(configuration, placements: placements, keeping: [:])
        metersWithClock = Self.metersWithClock(configuration)
    }

    /// Takes the devices and areas of a reloaded configuration; open outages and the silence and
    /// clock state of meters that stay are kept.
    func reconfigure(_ configuration: GatewayConfiguration) throws {
        (roles, areaOfDevice, areas) = Self.layout(configuration, placements: try configuration.meterPlacements(), keeping: areas)
        metersWithClock = Self.metersWithClock(configuration)
    }

    private static func metersWithClock(_ configuration: GatewayConfiguration) -> Set<String> {
        Set(configuration.devices.filter { $0.profile.point(named: "meter_clock") != nil }.map(\.id))
    }

    /// Each device's role, each meter's and terminal unit's area, and each area's state: `kept`'s
    /// state, its meters and line those of `placements`.
    private static func layout(
        _ configuration: GatewayConfiguration, placements: [MeterPlacement], keeping kept: [String: AreaState]
    ) -> ([String: DeviceConfiguration.Role], [String: String], [String: AreaState]) {
        let roles = Dictionary(configuration.devices.map { ($0.id, $0.role) }) { first, _ in first }
        var areaOfDevice: [String: String] = [:]
        var areas = kept.mapValues { state in
            var emptied = state
            emptied.meters = []
            return emptied
        }
        for placement in placements where !placement.area.isEmpty {
            areaOfDevice[placement.meterID] = placement.area
            areas[placement.area, default: AreaState()].meters.insert(placement.meterID)
            areas[placement.area]?.line = placement.line
            areas[placement.area]?.nominalVoltage = placement.nominalVoltage
        }
        for (area, state) in areas { areas[area]?.silentSince = state.silentSince.filter { state.meters.contains($0.key) } }
        for device in configuration.devices where device.role == .terminalUnit {
            if let area = device.area { areaOfDevice[device.id] = area }
        }
        return (roles, areaOfDevice, areas)
    }

    /// Takes up the provisional records of the previous run: open ones to close, and those closed in
    /// the last `unconfirmedHorizon` seconds before `now` for meter logs read later to supersede (a
    /// restart between an area's restoration and its meters' logs must not leave both records).
    func resume(now: Int64) async throws {
        let recent = try await store.outages(OutageQuery(from: now - Self.unconfirmedHorizon, to: .max, timeMatch: .overlapping))
        for stored in recent where stored.record.source != .meterLog {
            let record = stored.record
            if let end = record.end {
                unconfirmed[record.meterID, default: []].append((stored.id, record.start, end))
            } else {
                provisional[record.meterID] = (stored.id, record)
                if let area = stored.area, let event = record.eventID, areas[area]?.provisional == nil {
                    areas[area]?.provisional = (event, record.start)
                }
            }
            if let area = stored.area, let event = record.eventID { noteEvent(event, area: area, record: record) }
        }
    }

    /// How far back closed provisional records are taken up on resuming (a week, seconds).
    static let unconfirmedHorizon: Int64 = 7 * 86_400

    /// Folds in every finished poll cycle, one at a time, until the collector finishes the stream.
    /// One consumer keeps the actor from interleaving two cycles at their suspension points (an area
    /// judged while a meter's log of the same outage is half imported).
    func consume(_ cycles: AsyncStream<PolledCycle<DeviceReadResult>>) async {
        for await cycle in cycles { await observe(cycle) }
    }

    private func observe(_ cycle: PolledCycle<DeviceReadResult>) async {
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
        if let value = result.value("meter_clock") {
            clockRead.insert(meter)
            let (clock, rejected) = DeviceInputScreen.meterClock(value, gatewayTime: now)
            if let clock { clocks[meter, default: MeterClockDrift()].record(MeterClockOffset(meterClock: clock, gatewayTime: now)) }
            try await flag(meter, rejected.map { [$0] } ?? [], value: "\(value)", at: result.timeMillis)
        }
        // A log read before this run measured the meter's clock would be stored uncorrected for ever
        // (records are kept by their logged start): it waits for the clock, and is read again with it.
        if let log = result.outageLog, clockRead.contains(meter) || !metersWithClock.contains(meter) {
            var outageCount: Int?
            if let value = result.value("outage_count") {
                let screened = DeviceInputScreen.outageCount(value, previous: lastOutageCount[meter])
                outageCount = screened.count
                lastOutageCount[meter] = screened.count ?? lastOutageCount[meter]
                try await flag(meter, screened.rejected.map { [$0] } ?? [], value: "\(value)", at: result.timeMillis)
            }
            let latestMeterTime = now + (clocks[meter]?.latest?.seconds ?? 0)
            let (kept, rejected) = DeviceInputScreen.logRecords(log, latestMeterTime: latestMeterTime)
            try await flag(meter, rejected, value: nil, at: result.timeMillis)
            try await importLog(meter, kept, outageCount: outageCount, now: result.timeMillis)
        }
        // An inferred outage ends for a meter when it answers again.
        if let open = provisional[meter], open.record.source == .inferred {
            try await closeProvisional(meter: meter, at: now)
        }
    }

    private func importLog(_ meter: String, _ log: [OutageLogEntry], outageCount: Int?, now: Int64) async throws {
        if let settled = settledLogs[meter], settled.count == outageCount, settled.records == log { return }
        let clock = clocks[meter] ?? MeterClockDrift()
        let offset = clock.latest?.seconds
        let changed = try await store.saveMeterLog(
            meterID: meter, outageCount: outageCount, clockOffsetMillis: offset.map { $0 * 1000 },
            records: log.map {
                MeterLogRecord(meterID: meter, loggedStart: $0.start, loggedEnd: $0.end, clockOffsetMillis: (offset ?? 0) * 1000, readMillis: now)
            },
            at: now
        )
        settledLogs[meter] = log.contains { $0.end == nil } ? nil : (outageCount, log)
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

    /// Stores what the screen rejected of a meter's input as a data-quality flag, and logs it the first
    /// time this run; a flag seen again is brought up to date at most once a minute.
    private func flag(_ meter: String, _ rejected: [DeviceInputScreen.Rejection], value: String?, at now: Int64) async throws {
        for reason in Set(rejected.map(\.rawValue)).sorted() {
            let key = "\(meter) \(reason)"
            let last = flagged[key]
            guard last.map({ now - $0 >= flagRefreshMillis }) ?? true else { continue }
            flagged[key] = now
            try await store.flagInput(deviceID: meter, reason: reason, value: value, at: now)
            guard last == nil else { continue }
            var metadata: Logger.Metadata = [
                "device.id": "\(meter)", "input.rejected": "\(reason)", "input.count": "\(rejected.filter { $0.rawValue == reason }.count)",
            ]
            if let value { metadata["input.value"] = "\(value)" }
            logger.warning("untrusted device input flagged", metadata: metadata)
        }
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
        // A NaN phase would compare as "not lost": only voltages a line can carry count.
        let phases = ["voltage_a", "voltage_b", "voltage_c"].compactMap(result.value).filter { $0.isFinite && (0...1e6).contains($0) }
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
