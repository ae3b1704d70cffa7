/// A meter of the simulated substation and the fixed traits drawn for it from the scenario's seed.
public struct SimulatedMeter: Sendable, Hashable {
    public let id: String
    public let area: Scenario.Area
    /// Position among all meters of the scenario (areas in file order).
    public let index: Int
    /// Phase (0, 1, 2 for A, B, C) the single-phase meter is connected to.
    public let phase: Int
    /// Typical load current, amperes.
    public let baseCurrent: Double
    public let powerFactor: Double
    /// Import register at the scenario's start, kWh.
    public let initialEnergy: Double
    /// Steady voltage difference from nominal along the feeder, as a fraction (-0.03...+0.01).
    public let voltageOffset: Double
    /// Where in its daily-ish load cycle the meter starts, radians.
    let loadPhase: Double

    init(id: String, area: Scenario.Area, index: Int, seed: UInt64) {
        var generator = SeededGenerator(seed: seed, 0, UInt64(index))
        self.id = id
        self.area = area
        self.index = index
        phase = index % 3
        baseCurrent = generator.uniform(1.0...12.0)
        powerFactor = generator.uniform(0.90...0.99)
        initialEnergy = (generator.uniform(500...20_000) * 100).rounded() / 100
        voltageOffset = generator.uniform(-0.03...0.01)
        loadPhase = generator.uniform(0...(2 * Double.pi))
    }
}
