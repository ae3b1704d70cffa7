import DeviceProfiles
import Foundation
import GridWatchCore
import Modbus

/// Serves a simulated substation over Modbus: one `ModbusServer` (one TCP port or one RTU line on a
/// pty pair: one bus of the daemon) per bus of the layout. `update(atSimTime:)` writes every unit's registers from the
/// timeline and makes a unit silent while it is unpowered or its link has failed; `serve(clock:)`
/// does so every refresh period until cancelled.
public final class SubstationServer: Sendable {
    public let timeline: SubstationTimeline
    public let layout: BusLayout
    /// Where the daemon reaches each bus, in layout order: a TCP endpoint, or the daemon's end of a
    /// pty pair for a serial bus.
    public let endpoints: [ModbusEndpoint]
    private let servers: [ModbusServer]
    private let serialLines: [SerialLinePair]
    /// The folder made for the pty pairs, removed by `stop()`.
    private let madeFolder: String?
    private let meterProfile: DeviceProfile
    private let terminalUnitProfile: DeviceProfile

    /// Fills every unit's registers for `initialTime` (simulated Unix seconds), then listens on `host`:
    /// TCP buses on ports `firstPort`, `firstPort + 1`, ... in layout order (a serial bus skips no
    /// number), or on free ports when `firstPort` is nil; serial buses on pty pairs made by socat in
    /// `serialFolder` (a new temporary folder when nil).
    public init(
        timeline: SubstationTimeline, meterProfile: DeviceProfile, terminalUnitProfile: DeviceProfile,
        host: String = "127.0.0.1", firstPort: Int? = nil, serialFolder: String? = nil, initialTime: Double
    ) throws {
        self.timeline = timeline
        self.meterProfile = meterProfile
        self.terminalUnitProfile = terminalUnitProfile
        let layout = BusLayout(timeline: timeline)
        self.layout = layout
        let servers = try layout.buses.map { try ModbusServer(units: $0.devices.map(\.unit)) }
        Self.update(servers, layout: layout, timeline: timeline, profiles: (meterProfile, terminalUnitProfile), at: initialTime)
        var endpoints: [ModbusEndpoint] = [], lines: [SerialLinePair] = []
        let needsFolder = serialFolder == nil && layout.buses.contains(where: \.isSerial)
        madeFolder = needsFolder ? try Self.temporaryFolder() : nil
        do {
            var nextPort = firstPort
            for (bus, server) in zip(layout.buses, servers) {
                if bus.isSerial {
                    let line = try SerialLinePair(folder: serialFolder ?? madeFolder ?? "", name: bus.id)
                    lines.append(line)
                    try server.start(.rtu(SerialLine(device: line.serverEnd)))
                    endpoints.append(.rtu(SerialLine(device: line.clientEnd)))
                } else {
                    endpoints.append(.tcp(host: host, port: try server.start(.tcp(host: host, port: nextPort ?? 0))))
                    nextPort = nextPort.map { $0 + 1 }
                }
            }
        } catch {
            servers.forEach { $0.stop() }
            lines.forEach { $0.close() }
            madeFolder.map { try? FileManager.default.removeItem(atPath: $0) }
            throw error
        }
        self.servers = servers
        self.endpoints = endpoints
        serialLines = lines
    }

    deinit { stop() }

    /// TCP ports of the TCP buses, in layout order.
    public var ports: [Int] {
        endpoints.compactMap { if case .tcp(_, let port) = $0 { port } else { nil } }
    }

    private static func temporaryFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridwatch-simulate-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.path
    }

    /// Writes every unit's registers and silence for `time` (simulated Unix seconds).
    public func update(atSimTime time: Double) {
        Self.update(servers, layout: layout, timeline: timeline, profiles: (meterProfile, terminalUnitProfile), at: time)
    }

    /// Updates from `clock` (simulated time) every `period` of wall time until the task is cancelled.
    /// The updates run on a queue of their own, never on Swift's cooperative pool (a large substation
    /// takes milliseconds per update).
    public func serve(clock: some WallClock, every period: Duration = .milliseconds(100)) async {
        let queue = DispatchQueue(label: "gridwatch.simulation.update")
        while !Task.isCancelled {
            let time = Double(clock.nowMillis()) / 1000
            await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                queue.async {
                    self.update(atSimTime: time)
                    done.resume()
                }
            }
            try? await Task.sleep(for: period)
        }
    }

    /// Stops every server and pty pair; returns once they have closed their connections.
    public func stop() {
        servers.forEach { $0.stop() }
        serialLines.forEach { $0.close() }
        madeFolder.map { try? FileManager.default.removeItem(atPath: $0) }
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
