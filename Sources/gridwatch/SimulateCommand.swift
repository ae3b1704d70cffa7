import ArgumentParser
import DeviceProfiles
import Dispatch
import Foundation
import Modbus

/// `gridwatch simulate`: serve simulated devices of a profile over Modbus TCP or RTU.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Serve simulated devices of a profile over Modbus TCP or RTU, with plausible values.",
        discussion: "Values are refreshed every second. Stop with Ctrl-C or SIGTERM."
    )

    @OptionGroup var profileOptions: ProfileOptions
    @OptionGroup var endpointOptions: ModbusEndpointOptions

    @Option(help: "Unit ids to serve, comma-separated.")
    var units: String = "1"

    func validate() throws {
        guard !unitIDs.isEmpty, unitIDs.allSatisfy({ (1...247).contains($0) }) else {
            throw ValidationError("--units must be a comma-separated list of unit ids 1-247, e.g. 1,2,3")
        }
    }

    private var unitIDs: [Int] {
        let parts = units.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        return parts.contains(nil) ? [] : parts.compactMap { $0 }
    }

    func run() async throws {
        let profile = try ProfileLibrary.standard(explicit: profileOptions.devicesDirectory).load(profileOptions.profile)
        let server = try ModbusServer(units: unitIDs)
        refresh(server, profile: profile)
        let place: ModbusEndpoint
        switch endpointOptions.endpoint {
        case .tcp(let host, let port):
            place = .tcp(host: host, port: try server.start(.tcp(host: host, port: port)))
        case .rtu(let line):
            try server.start(.rtu(line))
            place = .rtu(line)
        }
        FileHandle.standardOutput.write(Data("serving \(profile.name) units \(unitIDs.map(String.init).joined(separator: ",")) on \(place)\n".utf8))
        let stop = StopFlag.raisedBySIGINTOrSIGTERM()
        var lastRefresh = ContinuousClock.now
        while !stop.isSet {
            try await Task.sleep(for: .milliseconds(100))
            if ContinuousClock.now - lastRefresh >= .seconds(1) {
                refresh(server, profile: profile)
                lastRefresh = .now
            }
        }
        server.stop()
    }

    private func refresh(_ server: ModbusServer, profile: DeviceProfile) {
        let now = Date()
        for unit in unitIDs {
            server.write(PlausibleValues.values(for: profile, unit: unit, at: now), profile: profile, unit: unit)
            server.writeOutageLog(PlausibleValues.outageLog(unit: unit, at: now), profile: profile, unit: unit)
        }
    }
}
