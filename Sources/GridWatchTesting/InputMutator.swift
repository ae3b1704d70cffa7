import Foundation

/// Seeded random mutations of a valid input file, for loaders that must reject every malformed file
/// with an error and never crash: bit flips, deleted, repeated and swapped spans, and tokens that
/// break parsers (huge or non-finite numbers, YAML anchors and flow brackets, CSV quotes, NUL bytes).
/// The same seed gives the same sequence of inputs, so a crash is reproduced by its seed and round.
public struct InputMutator {
    private var random: SeededRandom

    /// Text fragments known to trip parsers, spliced in at random places.
    static let tokens: [String] = [
        "\n", ":", ": ", "- ", ",", "\"", "\"\"", "'", "{", "}", "[", "]", "#", "&a", "*a", "<<: *a", "!!binary", "\t", "\0",
        "nan", ".nan", "inf", "-.inf", "1e309", "-1e309", "0x", "-0", "9223372036854775807", "-9223372036854775808",
        "18446744073709551616", "99999999999999999999999999", "4294967296", "65536", "-1", "0", "0ms", "9999999999d",
        "2026-02-30T25:61:61+99:99", "2026-01-01T00:00:00+08:00", "9999-12-31T23:59:59Z", "-2026-01-01", "\u{FEFF}", "é",
    ]

    public init(seed: UInt64) { random = SeededRandom(seed: seed) }

    /// A mutation of `input`: one to four edits.
    public mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        for _ in 0...next(3) { bytes = edit(bytes) }
        return bytes
    }

    private mutating func edit(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        let count = bytes.count
        let at = next(count), span = min(count - at, 1 + next(40))
        switch next(7) {
        case 0 where count > 0: bytes[min(at, count - 1)] ^= UInt8(1 << next(7))
        case 1: bytes.removeSubrange(at..<at + span)
        case 2: bytes.insert(contentsOf: bytes[at..<at + span], at: at)
        case 3: bytes.removeSubrange(at...)
        case 4: bytes = swapLines(bytes)
        default: bytes.insert(contentsOf: Array(Self.tokens[next(Self.tokens.count - 1)].utf8), at: at)
        }
        return bytes
    }

    private mutating func swapLines(_ bytes: [UInt8]) -> [UInt8] {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard lines.count > 1 else { return bytes }
        lines.swapAt(next(lines.count - 1), next(lines.count - 1))
        return Array(lines.joined(separator: [UInt8(ascii: "\n")]))
    }

    /// A uniform integer in `0...upper`.
    mutating func next(_ upper: Int) -> Int { random.upTo(upper) }
}
