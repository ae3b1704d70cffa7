/// A simulated substation and what happens to it: transformer areas with their meters and terminal
/// units, and scripted events (outages, communication faults, clock drift, low voltage) at times
/// counted from the scenario's start. Loaded from YAML by `Scenario.load(contentsOf:)`.
public struct Scenario: Sendable, Hashable {
    /// Seeds every generated quantity (loads, restoration steps): one seed, one replay.
    public var seed: UInt64
    /// Simulated seconds per wall-clock second (`time_scale`).
    public var timeScale: Double
    /// Unix seconds of the scenario's start (`epoch`); `nil` means "when the simulator starts".
    public var epoch: Int64?
    /// Length of the scenario in simulated seconds; every event ends within it.
    public var durationSeconds: Int64
    public var areas: [Area]
    public var events: [ScenarioEvent]

    public init(seed: UInt64, timeScale: Double, epoch: Int64?, durationSeconds: Int64, areas: [Area], events: [ScenarioEvent]) {
        self.seed = seed
        self.timeScale = timeScale
        self.epoch = epoch
        self.durationSeconds = durationSeconds
        self.areas = areas
        self.events = events
    }

    /// One transformer area (台区): a transformer, its terminal unit (TTU) and the meters it supplies.
    public struct Area: Sendable, Hashable {
        public var id: String
        public var line: String
        public var county: String
        public var region: String
        /// Number of meters; they are named `<meterPrefix><001...>`.
        public var meterCount: Int
        public var meterPrefix: String
        /// Device id of the area's terminal unit.
        public var terminalUnitID: String
        /// Phase-to-neutral nominal voltage, volts.
        public var nominalVoltage: Double
        /// Whether the meters are served over Modbus RTU on a pty pair instead of TCP (`rtu: true`).
        public var servedOverRTU: Bool

        public init(
            id: String, line: String, county: String = "", region: String = "", meterCount: Int,
            meterPrefix: String? = nil, terminalUnitID: String? = nil, nominalVoltage: Double = 220,
            servedOverRTU: Bool = false
        ) {
            self.id = id
            self.line = line
            self.county = county
            self.region = region
            self.meterCount = meterCount
            self.meterPrefix = meterPrefix ?? "\(id)-M"
            self.terminalUnitID = terminalUnitID ?? "\(id)-TTU"
            self.nominalVoltage = nominalVoltage
            self.servedOverRTU = servedOverRTU
        }

        /// Meter ids in order: prefix and a 1-based number of at least three digits.
        public var meterIDs: [String] {
            (0..<meterCount).map { index in
                let digits = String(index + 1)
                return meterPrefix + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
            }
        }
    }
}

/// One scripted happening. Times are simulated seconds from the scenario's start.
public struct ScenarioEvent: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Every meter of an area loses supply; the TTU (battery-backed) keeps answering with zero
        /// voltage; on return each meter restores at its own step within `restoreSpreadSeconds`.
        case areaOutage = "area_outage"
        /// One meter loses supply.
        case meterOutage = "meter_outage"
        /// Supply lost for less than three minutes, to an area or one meter.
        case momentaryOutage = "momentary_outage"
        /// A meter, or every meter of an area (a failed concentrator), stops answering while it still
        /// has supply: no outage, nothing logged; the area's TTU keeps reporting normal voltage.
        case commFailure = "comm_failure"
        /// From `start` on, a meter's clock is `clockOffsetSeconds` off (positive: ahead) and runs
        /// fast (positive `driftSecondsPerHour`) or slow.
        case clockDrift = "clock_drift"
        /// Voltage below limits in an area (or at one meter) for a while.
        case lowVoltage = "low_voltage"
    }

    public enum Target: Sendable, Hashable {
        case area(String)
        case meter(String)
    }

    public var id: String
    public var kind: Kind
    public var target: Target
    public var startSeconds: Int64
    /// `nil` only for `clock_drift`, which lasts to the end.
    public var durationSeconds: Int64?
    /// `area_outage`: the latest a meter restores after supply returns.
    public var restoreSpreadSeconds: Int64
    /// `clock_drift`: seconds gained per simulated hour (negative: the clock loses time).
    public var driftSecondsPerHour: Double
    /// `clock_drift`: the step the clock makes at `start`, seconds (negative: behind).
    public var clockOffsetSeconds: Double
    /// `low_voltage`: the depressed voltage, volts; `nil` means 85 % of nominal.
    public var voltage: Double?

    public init(
        id: String, kind: Kind, target: Target, startSeconds: Int64, durationSeconds: Int64?,
        restoreSpreadSeconds: Int64 = 0, driftSecondsPerHour: Double = 0, clockOffsetSeconds: Double = 0,
        voltage: Double? = nil
    ) {
        self.id = id
        self.kind = kind
        self.target = target
        self.startSeconds = startSeconds
        self.durationSeconds = durationSeconds
        self.restoreSpreadSeconds = restoreSpreadSeconds
        self.driftSecondsPerHour = driftSecondsPerHour
        self.clockOffsetSeconds = clockOffsetSeconds
        self.voltage = voltage
    }

    /// When the event's effect is over, restoration steps included (`nil` for a drift).
    public var endSeconds: Int64? {
        durationSeconds.map { startSeconds + $0 + (kind == .areaOutage ? restoreSpreadSeconds : 0) }
    }

    /// Whether the event takes supply away.
    public var cutsSupply: Bool { [.areaOutage, .meterOutage, .momentaryOutage].contains(kind) }
}
