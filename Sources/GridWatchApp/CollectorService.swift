import Collector
import GridWatchCore
import Logging
import Modbus
import ServiceLifecycle

/// Polls every configured bus concurrently, each in its own bus poller, until graceful shutdown;
/// stores device health every `healthInterval` in between. A reloaded configuration ends the pollers
/// (their in-flight reads end) and starts those of the new one; the recorder, and the writer and
/// aggregator behind it, carry on.
struct CollectorService: Service {
    let configuration: GatewayConfiguration
    let recorder: CycleRecorder
    let reloads: ConfigurationReloads
    let wallClock: any WallClock
    let logger: Logger
    var healthInterval: Duration = .seconds(2)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            var current = configuration
            while let next = await pollUntilReload(current) {
                current = next
                logger.notice("bus pollers restarted", metadata: ["buses": "\(current.buses.count)"])
            }
        }
        // GRDB refuses work from a cancelled task: store the last health from one that is not.
        await Task { await recorder.saveHealth() }.value
        await recorder.finish()
    }

    /// Polls `configuration`'s buses until a new configuration comes (returned) or the task is cancelled (`nil`).
    private func pollUntilReload(_ configuration: GatewayConfiguration) async -> GatewayConfiguration? {
        await withTaskGroup(of: GatewayConfiguration?.self) { group in
            group.addTask { await reloads.next() }
            group.addTask {
                await withTaskGroup(of: Void.self) { pollers in
                    for bus in configuration.buses {
                        let poller = makePoller(bus, supervision: configuration.supervision)
                        // On the connection's own queue, a read costs no thread hop (bench/modbus: 87 % of
                        // the C loop's rate, against 66 % from the cooperative pool).
                        pollers.addTask(executorPreference: poller.transport.connection.taskExecutor) { await poller.run() }
                    }
                    pollers.addTask {
                        while (try? await Task.sleep(for: healthInterval)) != nil {
                            await recorder.saveHealth()
                        }
                    }
                }
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    private func makePoller(_ bus: BusConfiguration, supervision: SupervisionPolicy) -> BusPoller<ModbusBusTransport> {
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
            policy: supervision, wallClock: wallClock
        ) { cycle in await recorder.record(cycle) }
    }
}
