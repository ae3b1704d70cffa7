/// GB/T 12325 allowed deviation for a nominal voltage. A value equal to a limit is qualified.
public struct VoltageLimits: Sendable, Hashable {
    public let lower: Double
    public let upper: Double

    /// 220 V single-phase (below 300 V nominal): +7 % / −10 %; 380 V three-phase up to 20 kV: ±7 %;
    /// 35 kV and above (the sum of the deviations at most 10 %): ±5 % (**decision**).
    public init(nominal: Double) {
        let (up, down): (Double, Double) = nominal < 300 ? (7, 10) : nominal < 35_000 ? (7, 7) : (5, 5)
        // nominal × (100 ± p) / 100 keeps 220 V's limits exactly at 198.0 and 235.4.
        lower = nominal * (100 - down) / 100
        upper = nominal * (100 + up) / 100
    }

    /// Relative slack for a minute mean computed by summing samples (rounding of the division).
    private static let slack = 1e-12

    @inline(__always)
    public func isAbove(_ value: Double) -> Bool { value > upper * (1 + Self.slack) }

    @inline(__always)
    public func isBelow(_ value: Double) -> Bool { value < lower * (1 - Self.slack) }
}
