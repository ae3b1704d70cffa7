/// SplitMix64: a small, fast generator that gives the same numbers for the same seed on every
/// platform. The simulator never uses the system's random numbers, so a scenario replays exactly.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator for one item of a scenario (a meter, an event and a meter): the same `parts` give
    /// the same numbers whatever else the scenario holds.
    public init(seed: UInt64, _ parts: UInt64...) {
        var mixed = seed
        for part in parts { mixed = Self.mix(mixed ^ Self.mix(part &+ 0x9E37_79B9_7F4A_7C15)) }
        state = mixed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// A uniform number in `range`.
    public mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + Double(next() >> 11) / Double(1 << 53) * (range.upperBound - range.lowerBound)
    }

    /// SplitMix64's finaliser: a bijective scramble of 64 bits.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
