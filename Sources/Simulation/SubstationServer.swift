import DeviceProfiles
import Foundation
import GridWatchCore
import Modbus

/// Serves a simulated substation over Modbus TCP: one `ModbusServer` (one port, one bus of the
/// daemon) per bus of the layout. `update(atSimTime:)` writes every unit's registers from the
/// timeline and makes a unit silent while it is unpowered or its link has failed; `serve(clock:)`
/// does so every refresh period until cancelled.
public final class SubstationServer: Sendable {
    public let timeline: SubstationTimeline
    public let layout: BusLayout
    /// TCP port of each bus, in layout order.
    public let ports: [Int]
    private let servers: [ModbusServer]
    private let meterProfile: DeviceProfile
    private let terminalUnitProfile: DeviceProfile

    /// Fills every unit's registers for `initialTime` (simulated Unix seconds), then listens on `host`:
    /// ports `firstPort`, `firstPort + 1`, ... in layout order, or free ports when `firstPort` is nil.
    public init(
        timeline: SubstationTimeline, meterProfile: DeviceProfile, terminalUnitProfile: DeviceProfile,
        host: String = "127.0.0.1", firstPort: Int? = nil, initialTime: Double
    ) throws {
        self.timeline = timeline
        self.meterProfile = meterProfile
        self.terminalUnitProfile = terminalUnitProfile
        let layout = BusLayout(timeline: timeline)
        self.layout = layout
        let servers = try layout.buses.map { try ModbusServer(units: $0.devices.map(\.unit)) }
        Self.update(servers, layout: layout, timeline: timeline, profiles: (meterProfile, terminalUnitProfile), at: initialTime)
        var ports: [Int] = []
        do {
            for (number, server) in servers.enumerated() {
                ports.append(try server.start(.tcp(host: host, port: firstPort.map { $0 + number } ?? 0)))
            }
        } catch {
            servers.forEach { $0.stop() }
            throw error
        }
        self.servers = servers
        self.ports = ports
    }

    deinit { stop() }

    /// Writes every unit's registers and silence for `time` (simulated Unix seconds).
    public func update(atSimTime time: Double) {
        Self.update(servers, layout: layout, timeline: timeline, profiles: (meterProfile, terminalUnitProfile), at: time)
    }

    /// Updates from `clock` (simulated time) every `period` of wall time until the task is cancelled.
    public func serve(clock: some WallClock, every period: Duration = .milliseconds(100)) async {
        while !Task.isCancelled {
            update(atSimTime: Double(clock.nowMillis()) / 1000)
            try? await Task.sleep(for: period)
        }
    }

    /// Stops every server; returns once they have closed their connections.
    public func stop() {
        servers.forEach { $0.stop() }
    }

    /// Requests answered so far by all buses.
    public var requestsServed: Int { servers.reduce(0) { $0 + $1.requestsServed } }

    private static func update(
        _ servers: [ModbusServer], layout: BusLayout, timeline: SubstationTimeline,
        profiles: (meter: DeviceProfile, terminalUnit: DeviceProfile), at time: Double
    ) {
        for (server, bus) in zip(servers, layout.buses) {
            for device in bus.devices {
                // The log goes in before the count, so a reader that sees a new count finds its record.
                switch device.kind {
                case .meter(let index):
                    let state = timeline.state(ofMeterAt: index, atSimTime: time)
                    guard state.answering else {
                        // Silent first: nobody may read the zeros of a meter that has just lost supply.
                        server.setSilent(true, unit: device.unit)
                        continue
                    }
                    server.writeOutageLog(state.outageLog, profile: profiles.meter, unit: device.unit)
                    server.write(state.pointValues, profile: profiles.meter, unit: device.unit)
                    server.setSilent(false, unit: device.unit)
                case .terminalUnit:
                    guard let state = timeline.state(ofTerminalUnit: device.area, atSimTime: time) else { continue }
                    server.writeOutageLog(state.outageLog, profile: profiles.terminalUnit, unit: device.unit)
                    server.write(state.pointValues, profile: profiles.terminalUnit, unit: device.unit)
                }
            }
        }
    }
}

extension ScaledWallClock {
    /// The simulated clock of a scenario whose simulated time `epochMillis` was at real (Unix)
    /// time `startedAtWallMillis`, running `scale` times real time: how another process (the daemon
    /// of a demo) joins the simulator's clock from its "ready" line.
    public static func joining(epochMillis: Int64, startedAtWallMillis: Int64, scale: Double) -> ScaledWallClock {
        let elapsed = Double(SystemWallClock().nowMillis() - startedAtWallMillis)
        return ScaledWallClock(epochMillis: epochMillis + Int64((elapsed * scale).rounded(.down)), scale: scale)
    }
}
