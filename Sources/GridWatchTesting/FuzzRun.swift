import Foundation

/// A bounded seeded-random run of one loader: mutations of seed files are written to one file and
/// loaded until the time budget or the round limit is spent. The file is rewritten before each load,
/// so after a crash it holds the input that crashed, and the printed seed replays the run.
///
/// `GRIDWATCH_FUZZ_SECONDS` (default 3) and `GRIDWATCH_FUZZ_SEED` (default: fixed) tune every run.
public struct FuzzRun {
    public let name: String
    public let seed: UInt64
    public let budget: TimeInterval
    public let maxRounds: Int

    public init(name: String, maxRounds: Int = 200_000) {
        let environment = ProcessInfo.processInfo.environment
        self.name = name
        seed = environment["GRIDWATCH_FUZZ_SEED"].flatMap(UInt64.init) ?? 20_261_127
        budget = environment["GRIDWATCH_FUZZ_SECONDS"].flatMap(TimeInterval.init) ?? 3
        self.maxRounds = maxRounds
    }

    /// Loads mutations of `seeds` written to `file` with `load`, which returns whether the loader
    /// accepted the input (an error thrown is a rejection; a crash ends the test process). Returns the
    /// number of inputs tried and how many were rejected.
    public func run(seeds: [String], file: String, load: (String) -> Bool) throws -> (tried: Int, rejected: Int) {
        precondition(!seeds.isEmpty, "a fuzz run needs at least one seed input")
        var mutator = InputMutator(seed: seed)
        let corpus = seeds.map { Array($0.utf8) }
        let deadline = Date().addingTimeInterval(budget)
        var tried = 0, rejected = 0
        FileHandle.standardError.write(Data("fuzz \(name): seed \(seed), input at \(file)\n".utf8))
        while tried < maxRounds && Date() < deadline {
            let input = mutator.mutate(corpus[mutator.next(corpus.count - 1)])
            try Data(input).write(to: URL(fileURLWithPath: file))
            if !load(file) { rejected += 1 }
            tried += 1
        }
        return (tried, rejected)
    }
}
