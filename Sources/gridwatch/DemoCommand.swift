import ArgumentParser
import DeviceProfiles
import Foundation
import Modbus

/// `gridwatch demo`: start simulated devices on a loopback port and poll them through the real client.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Simulate a meter, a transformer terminal unit and an SDM630 on loopback, poll them over Modbus TCP and print what was read."
    )

    @Option(name: .customLong("devices-dir"), help: "Folder of device profiles.")
    var devicesDirectory: String?

    func run() async throws {
        let library = ProfileLibrary.standard(explicit: devicesDirectory)
        let devices = try [(1, "gridwatch-lv-meter"), (2, "gridwatch-ttu"), (3, "eastron-sdm630")].map { unit, name in
            (unit: unit, profile: try library.load(name))
        }
        let server = try ModbusServer(units: devices.map(\.unit))
        defer { server.stop() }
        let now = Date()
        for device in devices {
            server.write(PlausibleValues.values(for: device.profile, unit: device.unit, at: now), profile: device.profile, unit: device.unit)
            server.writeOutageLog(PlausibleValues.outageLog(unit: device.unit, at: now), profile: device.profile, unit: device.unit)
        }
        let port = try server.start(.tcp(host: "127.0.0.1", port: 0))
        print("Simulated devices on tcp://127.0.0.1:\(port); polling them through GridWatch's Modbus client.\n")
        let connection = ModbusConnection(endpoint: .tcp(host: "127.0.0.1", port: port))
        for device in devices {
            let result = await connection.read(profile: device.profile, unit: device.unit)
            guard result.answered else { throw ValidationError("unit \(device.unit) did not answer: \(result.failure.map { "\($0)" } ?? "no reply")") }
            print(PollOutput.table(result, profile: device.profile))
            print()
        }
    }
}
