/// An outage a correct aggregator must find: one meter, true start and end (Unix seconds, the
/// gateway's time, not the meter's clock), and the scenario event that caused it.
public struct ScriptedOutage: Sendable, Hashable {
    public var meterID: String
    public var area: String
    public var line: String
    public var start: Int64
    public var end: Int64
    public var eventID: String

    public init(meterID: String, area: String, line: String, start: Int64, end: Int64, eventID: String) {
        self.meterID = meterID
        self.area = area
        self.line = line
        self.start = start
        self.end = end
        self.eventID = eventID
    }

    public var durationSeconds: Int64 { end - start }
}
