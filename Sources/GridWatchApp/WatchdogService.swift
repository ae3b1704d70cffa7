import ServiceLifecycle

/// Pings systemd's watchdog while poll cycles keep completing, and reports what the daemon is doing
/// in its STATUS line. A stalled polling loop stops the pings, and systemd restarts the daemon.
struct WatchdogService: Service {
    let notifier: SystemdNotifier
    let recorder: CycleRecorder
    let devices: Int

    func run() async throws {
        notifier.notify("READY=1\nSTATUS=polling \(devices) devices")
        let interval = notifier.watchdogInterval ?? .seconds(10)
        await cancelWhenGracefulShutdown {
            var lastCycles = -1
            while (try? await Task.sleep(for: interval)) != nil {
                let cycles = await recorder.cycles
                if cycles != lastCycles {
                    notifier.notify("WATCHDOG=1\nSTATUS=polling \(devices) devices, \(cycles) poll cycles")
                }
                lastCycles = cycles
            }
        }
        notifier.notify("STOPPING=1")
    }
}
