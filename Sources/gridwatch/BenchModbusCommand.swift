import ArgumentParser
import DeviceProfiles
import Foundation
import Modbus

/// `gridwatch bench-modbus` (hidden): reads 10 holding registers as a profile (planned, decoded)
/// for a while and prints reads per second, for `bench/modbus`.
struct BenchModbusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-modbus",
        abstract: "Benchmark GridWatch's Modbus client path against a server.",
        shouldDisplay: false
    )

    @Option(name: .customLong("tcp"), help: "Server HOST:PORT.")
    var tcp: String

    @Option(help: "Seconds to run.")
    var seconds: Double = 3

    @Option(help: "Registers to read per request (one uint16 point each).")
    var registers: Int = 10

    func run() async throws {
        guard let endpoint = ModbusEndpoint.tcp(tcp) else { throw ValidationError("--tcp must be HOST:PORT") }
        let profile = DeviceProfile(
            name: "bench",
            points: (0..<registers).map { Point(name: "r\($0)", function: .holdingRegisters, address: $0, type: .uint16, scale: 0.1) }
        )
        let connection = ModbusConnection(endpoint: endpoint)
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        let started = ContinuousClock.now
        var reads = 0, checksum = 0.0
        while ContinuousClock.now < deadline {
            let result = await connection.read(profile: profile, unit: 1)
            guard result.answered else { throw ValidationError("server did not answer: \(result.failure.map { "\($0)" } ?? "")") }
            checksum += result.points[0].value ?? 0
            reads += 1
        }
        let elapsed = ContinuousClock.now - started
        let perSecond = Double(reads) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        print(String(format: "gridwatch %.0f reads/s (%d reads, checksum %.1f)", perSecond, reads, checksum))
    }
}
