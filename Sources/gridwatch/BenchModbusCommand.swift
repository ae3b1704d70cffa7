import ArgumentParser
import DeviceProfiles
import Foundation
import Glibc
import Modbus

/// `gridwatch bench-modbus` (hidden): reads 10 holding registers as a profile (planned, decoded)
/// for a while and prints reads per second, for `bench/modbus`.
struct BenchModbusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-modbus",
        abstract: "Benchmark GridWatch's Modbus client path against a server.",
        shouldDisplay: false
    )

    enum Caller: String, ExpressibleByArgument {
        /// GridWatch's client path, as the collector's pollers run it: every read is awaited from a
        /// task whose executor preference is the connection's queue, and runs there in place.
        case preferred
        /// The polling loop runs on the connection's own queue (`isolated` to it), calling without `await`.
        case isolated
        /// Every read is awaited from a task on Swift's cooperative pool: two thread switches per read.
        case task
    }

    @Option(name: .customLong("tcp"), help: "Server HOST:PORT.")
    var tcp: String

    @Option(help: "Seconds to run.")
    var seconds: Double = 3

    @Option(help: "Registers to read per request (one uint16 point each).")
    var registers: Int = 10

    @Option(help: "preferred (await each read from a task running on the connection's queue, as the collector does), isolated (loop isolated to the connection) or task (await each read from a task on the cooperative pool).")
    var caller: Caller = .preferred

    @Flag(help: "Take turns: one loop per line of standard input (its length in seconds), over the same connection.")
    var turns = false

    func run() async throws {
        guard let endpoint = ModbusEndpoint.tcp(tcp) else { throw ValidationError("--tcp must be HOST:PORT") }
        let profile = DeviceProfile(
            name: "bench",
            points: (0..<registers).map { Point(name: "r\($0)", function: .holdingRegisters, address: $0, type: .uint16, scale: 0.1) }
        )
        let connection = ModbusConnection(endpoint: endpoint)
        guard turns else { return try await measure(seconds: seconds, connection: connection, profile: profile) }
        while let line = await Self.nextLine() {
            guard let turn = Double(line) else { throw ValidationError("a turn is a number of seconds, got '\(line)'") }
            try await measure(seconds: turn, connection: connection, profile: profile)
        }
    }

    /// Reads for `seconds` and prints reads per second and CPU time per read.
    private func measure(seconds: Double, connection: ModbusConnection, profile: DeviceProfile) async throws {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        let cpuStarted = Self.cpuSeconds()
        let started = ContinuousClock.now
        let tally = switch caller {
        case .isolated: try await connection.withIsolation { try Self.loop(on: $0, profile: profile, until: deadline) }
        case .task: try await Self.loop(awaiting: connection, profile: profile, until: deadline)
        case .preferred:
            try await withTaskExecutorPreference(connection.taskExecutor) {
                try await Self.loop(awaiting: connection, profile: profile, until: deadline)
            }
        }
        let elapsed = ContinuousClock.now - started
        let cpuEnded = Self.cpuSeconds()
        let reads = Double(tally.reads)
        let (user, system) = ((cpuEnded.user - cpuStarted.user) * 1e6 / reads, (cpuEnded.system - cpuStarted.system) * 1e6 / reads)
        let perSecond = reads / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        print(String(
            format: "gridwatch-%@ %.0f reads/s (%d reads, cpu %.1f us/read, user %.2f, sys %.2f, checksum %.1f)",
            caller.rawValue, perSecond, tally.reads, user + system, user, system, tally.checksum
        ))
        fflush(nil)
    }

    /// The next line of standard input, waited for on a dispatch thread rather than the cooperative pool.
    private static func nextLine() async -> String? {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: readLine()) }
        }
    }

    private static func loop(on connection: isolated ModbusConnection, profile: DeviceProfile, until deadline: ContinuousClock.Instant) throws -> (reads: Int, checksum: Double) {
        var tally = (reads: 0, checksum: 0.0)
        while ContinuousClock.now < deadline {
            try tally.checksum += checked(connection.read(profile: profile, unit: 1))
            tally.reads += 1
        }
        return tally
    }

    private static func loop(awaiting connection: ModbusConnection, profile: DeviceProfile, until deadline: ContinuousClock.Instant) async throws -> (reads: Int, checksum: Double) {
        var tally = (reads: 0, checksum: 0.0)
        while ContinuousClock.now < deadline {
            try tally.checksum += checked(await connection.read(profile: profile, unit: 1))
            tally.reads += 1
        }
        return tally
    }

    /// CPU time of the process (all threads) so far, in seconds: in user space and in the kernel.
    private static func cpuSeconds() -> (user: Double, system: Double) {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return (seconds(usage.ru_utime), seconds(usage.ru_stime))
    }

    private static func checked(_ result: DeviceReadResult) throws -> Double {
        guard result.answered else { throw ValidationError("server did not answer: \(result.failure.map { "\($0)" } ?? "")") }
        return result.points[result.points.count - 1].value ?? 0
    }
}
