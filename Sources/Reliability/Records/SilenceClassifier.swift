/// What the area's terminal unit (TTU) says about voltage on the transformer's low-voltage side.
public enum TerminalUnitVoltage: Sendable, Hashable {
    /// Every phase below the loss-of-voltage fraction of nominal.
    case lost
    /// At least one phase at or above it.
    case normal
    /// No terminal unit, or no recent reading.
    case unknown

    /// Loss of voltage when every phase is below `fraction` × nominal (default 50 %); no phases: unknown.
    public init(phaseVoltages: [Double], nominal: Double, fraction: Double = 0.5) {
        guard !phaseVoltages.isEmpty else { self = .unknown; return }
        self = phaseVoltages.allSatisfy { $0 < nominal * fraction } ? .lost : .normal
    }
}

/// The verdict on meters that stopped answering.
public enum SilenceVerdict: Sendable, Hashable {
    /// An outage of the silent meters: from the terminal unit's loss of voltage, or inferred.
    case outage(source: ProvisionalSource)
    /// The meters are powered but unreachable: no outage, kept out of every index.
    case communicationFault
    /// Cannot tell yet: wait for the meters' event logs.
    case undetermined

    public enum ProvisionalSource: Sendable, Hashable { case terminalUnit, inferred }
}

/// Tells outages from communication faults when meters of an area go silent (issue 4, sources 2 and 3).
public enum SilenceClassifier {
    /// - A TTU reporting loss of voltage: an outage (source terminal unit).
    /// - A TTU showing normal voltage: a lone silent meter, or every meter of the area, is a
    ///   communication fault (the meter's own link, or the area's concentrator); several but not all
    ///   silent meters may be a branch outage below the transformer: undetermined until their logs arrive.
    /// - No TTU reading: every meter of the area silent together while the link to the area is known
    ///   good is an inferred outage; anything else is undetermined.
    public static func classify(silentMeters: Int, areaMeters: Int, linkKnownGood: Bool,
                                terminalUnit: TerminalUnitVoltage) -> SilenceVerdict {
        guard silentMeters > 0 else { return .undetermined }
        switch terminalUnit {
        case .lost: return .outage(source: .terminalUnit)
        case .normal: return silentMeters == 1 || silentMeters >= areaMeters ? .communicationFault : .undetermined
        case .unknown: return linkKnownGood && silentMeters >= areaMeters ? .outage(source: .inferred) : .undetermined
        }
    }
}
