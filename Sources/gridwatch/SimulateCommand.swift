import ArgumentParser
import DeviceProfiles
import Dispatch
import Foundation
import Modbus

/// `gridwatch simulate`: serve simulated devices of a profile over Modbus TCP or RTU, or with
/// `--config` a whole simulated substation (`SimulateSubstation.swift`).
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Serve simulated devices of a profile, or a whole simulated substation, over Modbus TCP or RTU, with plausible values.",
        discussion: """
            One profile: --profile NAME (--tcp HOST:PORT | --rtu DEVICE [--baud N --parity N|E|O --data-bits N --stop-bits N]) [--units 1,2,3] [--devices-dir DIR]. Values are refreshed every second.
            A substation: --config SCENARIO.yaml [--devices-dir DIR] and the options below; prints a `ready ports=...` line once serving.
            Stop with Ctrl-C or SIGTERM.
            """
    )

    @OptionGroup(title: "Simulated substation") var substation: SubstationSimulationOptions

    /// The one-profile mode's options (`SingleProfileOptions`), parsed when `--config` is absent.
    @Argument(parsing: .allUnrecognized, help: .hidden)
    var profileArguments: [String] = []

    /// Options of the one-profile mode.
    struct SingleProfileOptions: ParsableArguments {
        @OptionGroup var profileOptions: ProfileOptions
        @OptionGroup var endpointOptions: ModbusEndpointOptions

        @Option(help: "Unit ids to serve, comma-separated.")
        var units: String = "1"

        func validate() throws {
            guard !unitIDs.isEmpty, unitIDs.allSatisfy({ (1...247).contains($0) }) else {
                throw ValidationError("--units must be a comma-separated list of unit ids 1-247, e.g. 1,2,3")
            }
        }

        var unitIDs: [Int] {
            let parts = units.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            return parts.contains(nil) ? [] : parts.compactMap { $0 }
        }
    }

    /// What the substation mode accepts beside its own options.
    struct SubstationExtraOptions: ParsableArguments {
        @Option(name: .customLong("devices-dir"), help: "Folder of device profiles.")
        var devicesDirectory: String?
    }

    func validate() throws {
        if substation.isRequested {
            _ = try parsed(SubstationExtraOptions.self)
        } else {
            _ = try parsed(SingleProfileOptions.self)
        }
    }

    /// `profileArguments` parsed as `Options`, a mistake reported as this command's.
    private func parsed<Options: ParsableArguments>(_ type: Options.Type) throws -> Options {
        do {
            return try Options.parse(profileArguments)
        } catch {
            throw ValidationError(Options.message(for: error))
        }
    }

    func run() async throws {
        if substation.isRequested {
            try await substation.run(devicesDirectory: parsed(SubstationExtraOptions.self).devicesDirectory)
            return
        }
        let options = try parsed(SingleProfileOptions.self)
        let (profileOptions, endpointOptions, unitIDs) = (options.profileOptions, options.endpointOptions, options.unitIDs)
        let profile = try ProfileLibrary.standard(explicit: profileOptions.devicesDirectory).load(profileOptions.profile)
        let server = try ModbusServer(units: unitIDs)
        let started = Date()
        refresh(server, profile: profile, units: unitIDs, logTime: started)
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
                refresh(server, profile: profile, units: unitIDs, logTime: started)
                lastRefresh = .now
            }
        }
        server.stop()
    }

    /// Writes fresh values; the outage log stays the one made at `logTime` (a meter's log only changes
    /// when it has a new outage).
    private func refresh(_ server: ModbusServer, profile: DeviceProfile, units unitIDs: [Int], logTime: Date) {
        let now = Date()
        for unit in unitIDs {
            server.write(PlausibleValues.values(for: profile, unit: unit, at: now), profile: profile, unit: unit)
            server.writeOutageLog(PlausibleValues.outageLog(unit: unit, at: logTime), profile: profile, unit: unit)
        }
    }
}
