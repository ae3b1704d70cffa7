import Reliability

/// What the aggregator knows of one transformer area between poll cycles.
struct AreaState {
    var meters: Set<String> = []
    var line: String?
    var nominalVoltage: Double = 220
    /// Meters whose last cycle got no reply, with when they went silent (gateway seconds).
    var silentSince: [String: Int64] = [:]
    var terminalUnit: TerminalUnitVoltage = .unknown
    /// The area-wide provisional outage in progress: its event and start.
    var provisional: (eventID: String, start: Int64)?
}
