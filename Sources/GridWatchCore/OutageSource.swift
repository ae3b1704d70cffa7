/// Where an outage record came from, best first.
public enum OutageSource: String, Sendable, Hashable, Codable, CaseIterable {
    /// The meter's own outage event log (clock-corrected).
    case meterLog = "meter_log"
    /// A battery-backed terminal unit reporting loss of voltage on its area.
    case terminalUnit = "terminal_unit"
    /// All meters of an area silent together while the link to the area was good.
    case inferred
    /// Imported from a CSV file or typed in by a person.
    case imported
}
