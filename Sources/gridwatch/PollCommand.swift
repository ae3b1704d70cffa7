import ArgumentParser
import DeviceProfiles
import Foundation
import Modbus

/// `gridwatch poll`: read every point of one device once and print it.
struct PollCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poll",
        abstract: "Read every point of one device once and print it.",
        discussion: "Exits non-zero, with a one-line reason on stderr, when the device cannot be reached at all."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @OptionGroup var profileOptions: ProfileOptions
    @OptionGroup var endpointOptions: ModbusEndpointOptions

    @Option(help: "Modbus unit id (slave address).")
    var unit: Int = 1

    @Option(help: "Poll group to read (default: every point).")
    var group: String?

    @Option(help: "Output format: table or json.")
    var format: Format = .table

    @Option(name: .customLong("timeout-ms"), help: "Response timeout in milliseconds.")
    var timeoutMilliseconds: Int = 1000

    func validate() throws {
        guard (0...255).contains(unit) else { throw ValidationError("--unit must be 0-255") }
        guard timeoutMilliseconds > 0 else { throw ValidationError("--timeout-ms must be positive") }
        if case .tcp(_, 0) = endpointOptions.endpoint { throw ValidationError("--tcp needs the device's port, not 0") }
    }

    func run() async throws {
        let profile = try ProfileLibrary.standard(explicit: profileOptions.devicesDirectory).load(profileOptions.profile)
        if let group, !profile.groups.contains(group) {
            throw ValidationError("profile \(profile.name) has no poll group '\(group)'; it has: \(profile.groups.sorted().joined(separator: ", "))")
        }
        let connection = ModbusConnection(
            endpoint: endpointOptions.endpoint,
            options: ConnectionOptions(
                responseTimeout: .milliseconds(timeoutMilliseconds),
                pauseAfterConnect: .milliseconds(profile.workarounds.pauseAfterConnectMilliseconds)
            )
        )
        let result = await connection.read(profile: profile, unit: unit, group: group)
        guard result.answered else {
            let reason = result.failure.map { "\($0)" } ?? "no reply"
            FileHandle.standardError.write(Data("gridwatch poll: unit \(unit) at \(connection.endpoint) did not answer: \(reason)\n".utf8))
            throw ExitCode(2)
        }
        print(format == .json ? PollOutput.json(result) : PollOutput.table(result, profile: profile))
    }
}
