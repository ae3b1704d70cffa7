import Collector
import GridWatchCore
import Modbus
import ServiceLifecycle

/// Polls every configured bus concurrently, each in its own bus poller, until graceful shutdown;
/// stores device health every `healthInterval` in between.
struct CollectorService: Service {
    let configuration: GatewayConfiguration
    let recorder: CycleRecorder
    let wallClock: any WallClock
    var healthInterval: Duration = .seconds(2)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                for bus in configuration.buses {
                    let poller = makePoller(bus)
                    group.addTask { await poller.run() }
                }
                group.addTask {
                    while (try? await Task.sleep(for: healthInterval)) != nil {
                        await recorder.saveHealth()
                    }
                }
                await group.waitForAll()
            }
        }
        // GRDB refuses work from a cancelled task: store the last health from one that is not.
        await Task { await recorder.saveHealth() }.value
    }

    private func makePoller(_ bus: BusConfiguration) -> BusPoller<ModbusBusTransport> {
        let transport = ModbusBusTransport(
            connection: ModbusConnection(endpoint: bus.endpoint, options: bus.options),
            devices: bus.devices.map { ModbusBusTransport.Device(unit: $0.unit, profile: $0.profile) },
            wallClock: wallClock
        )
        let tasks = bus.devices.enumerated().flatMap { index, device in
            device.pollSchedule().map { PollTask(device: index, group: $0.group, interval: $0.interval) }
        }
        let recorder = recorder
        return BusPoller(
            busID: bus.id, deviceIDs: bus.devices.map(\.id), tasks: tasks, transport: transport,
            policy: configuration.supervision, wallClock: wallClock
        ) { cycle in await recorder.record(cycle) }
    }
}
