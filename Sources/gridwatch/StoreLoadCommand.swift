import ArgumentParser
import Foundation
import GridWatchCore
import Store
import Synchronization

/// Hidden tool for the store's crash-safety test and benchmark: writes readings through the real
/// `ReadingWriter` and appends every committed high-water mark to a file.
///
/// Reading number k (from 0) is device `D<k mod devices>`, point `p<(k / devices) mod points>`, one
/// second per round of all series, value k. Batches commit in order, so the committed readings are
/// always k = 0..<n; a restarted run resumes at k = n.
struct StoreLoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store-load",
        abstract: "Write synthetic readings through the store's writer (crash test and benchmark).",
        shouldDisplay: false)

    @Option(help: "SQLite database file.")
    var database: String
    @Option(name: .customLong("report-committed"), help: "Append the highest committed reading number to this file after every commit.")
    var reportCommitted: String?
    @Option(help: "Devices to spread readings over.")
    var devices = 100
    @Option(help: "Points per device.")
    var points = 10
    @Option(help: "Stop after this many readings (default: run until killed).")
    var readings: Int?
    @Option(help: "Enqueue at most this many readings per second (default: as fast as the writer takes them).")
    var rate: Int?
    @Option(name: .customLong("batch-interval-ms"), help: "Writer batch interval.")
    var batchIntervalMillis = 1_000
    @Option(name: .customLong("batch-size"), help: "Writer batch size.")
    var batchSize = 10_000
    @Option(name: .customLong("settle-rows"), help: "Readings accumulated before the writer settles them.")
    var settleRows = 200_000
    @Flag(help: "Print rows per second and enqueue-to-commit latency when done.")
    var benchmark = false

    func validate() throws {
        guard devices > 0, points > 0, batchSize > 0, batchIntervalMillis > 0 else {
            throw ValidationError("--devices, --points, --batch-size and --batch-interval-ms must be positive")
        }
    }

    func run() async throws {
        let store = try await Store.open(StoreConfiguration(
            path: database, batchInterval: .milliseconds(batchIntervalMillis), batchSize: batchSize,
            settleRows: settleRows))
        let first = try await store.rawReadingCount()
        let latency = CommitLatency()
        let reporter = try reportCommitted.map { try CommitReporter(path: $0) }
        let writer = ReadingWriter(store: store) { report in
            latency.committed(through: report.committedThrough)
            reporter?.report(highest: first + Int(report.committedThrough) - 1)
        }
        let generator = ReadingGenerator(devices: devices, points: points)
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await writer.run() }
            var k = first
            let end = readings.map { first + $0 } ?? .max
            // Paced runs enqueue every 10 ms, as a collector's many small polls would.
            let chunk = rate.map { max(1, min(1_000, $0 / 100)) } ?? 1_000
            while k < end {
                let count = min(chunk, end - k)
                let sequence = await writer.enqueue(generator.readings(k..<(k + count)))
                latency.enqueued(through: sequence, count: count)
                k += count
                if let rate {
                    let due = started + .seconds(Double(k - first) / Double(rate))
                    if due > .now { try await Task.sleep(until: due) }
                } else {
                    while await writer.statistics.pendingReadings > 2 * batchSize { try await Task.sleep(for: .milliseconds(1)) }
                }
            }
            try await writer.flush()
            group.cancelAll()
        }
        if benchmark {
            let elapsed = (ContinuousClock.now - started).components
            let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
            let total = readings ?? 0
            let settled = await writer.statistics.settledReadings
            print(String(format: "rows=%d seconds=%.3f rows_per_s=%.0f settled=%d", total, seconds, Double(total) / seconds, settled))
            print(latency.summary())
        }
    }
}

/// Deterministic readings: number k → (device, point, time, value k).
private struct ReadingGenerator {
    let deviceNames: [String]
    let pointNames: [String]
    static let origin: Int64 = 1_767_225_600_000  // 2026-01-01T00:00:00Z

    init(devices: Int, points: Int) {
        deviceNames = (0..<devices).map { "D\($0)" }
        pointNames = (0..<points).map { "p\($0)" }
    }

    func readings(_ range: Range<Int>) -> [Reading] {
        let series = deviceNames.count * pointNames.count
        return range.map { k in
            Reading(
                timeMillis: Self.origin + Int64(k / series) * 1_000, deviceID: deviceNames[k % deviceNames.count],
                point: pointNames[(k / deviceNames.count) % pointNames.count], value: Double(k), quality: .good)
        }
    }
}

/// Appends "committed N" lines with O_APPEND writes: once `write` returns the line survives a SIGKILL.
private final class CommitReporter: Sendable {
    private let descriptor: Int32

    init(path: String) throws {
        descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard descriptor >= 0 else { throw ValidationError("\(path): cannot open for appending (errno \(errno))") }
    }

    func report(highest: Int) {
        let line = Array("committed \(highest)\n".utf8)
        _ = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }
}

/// Enqueue-to-commit latency per reading, from chunk enqueue times and commit high-water marks.
private final class CommitLatency: Sendable {
    private struct State {
        var waiting: [(through: UInt64, count: Int, at: ContinuousClock.Instant)] = []
        var next = 0
        var samples: [(Duration, Int)] = []
    }
    private let state = Mutex(State())

    func enqueued(through sequence: UInt64, count: Int) {
        state.withLock { $0.waiting.append((sequence, count, .now)) }
    }

    func committed(through sequence: UInt64) {
        let now = ContinuousClock.now
        state.withLock { s in
            while s.next < s.waiting.count, s.waiting[s.next].through <= sequence {
                s.samples.append((now - s.waiting[s.next].at, s.waiting[s.next].count))
                s.next += 1
            }
        }
    }

    func summary() -> String {
        state.withLock { s in
            let sorted = s.samples.sorted { $0.0 < $1.0 }
            let total = sorted.reduce(0) { $0 + $1.1 }
            func percentile(_ p: Double) -> Double {
                var seen = 0
                for (latency, count) in sorted {
                    seen += count
                    if Double(seen) >= p * Double(total) {
                        return Double(latency.components.seconds) * 1000 + Double(latency.components.attoseconds) / 1e15
                    }
                }
                return .nan
            }
            return String(format: "commit_latency_ms p50=%.1f p99=%.1f max=%.1f", percentile(0.5), percentile(0.99), percentile(1))
        }
    }
}
