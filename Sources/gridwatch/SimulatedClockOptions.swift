import ArgumentParser
import GridWatchCore

/// The clock of a running `gridwatch simulate --config` substation, joined from the values of its
/// `ready` line, so that a daemon polling it stamps readings and outages in simulated time.
struct SimulatedClockOptions: ParsableArguments {
    @Option(name: .customLong("simulation-epoch-ms"), help: ArgumentHelp("Simulated time at --simulation-wall-start-ms (the ready line's epoch_ms).", visibility: .hidden))
    var epochMillis: Int64?

    @Option(name: .customLong("simulation-wall-start-ms"), help: ArgumentHelp("Real Unix time the simulation started (wall_start_ms).", visibility: .hidden))
    var wallStartMillis: Int64?

    @Option(name: .customLong("simulation-time-scale"), help: ArgumentHelp("Simulated seconds per real second (time_scale).", visibility: .hidden))
    var timeScale: Double?

    func validate() throws {
        let given = [epochMillis != nil, wallStartMillis != nil, timeScale != nil]
        if given.contains(true), given.contains(false) {
            throw ValidationError("--simulation-epoch-ms, --simulation-wall-start-ms and --simulation-time-scale go together")
        }
        if let timeScale, !(timeScale > 0 && timeScale <= 100_000) { throw ValidationError("--simulation-time-scale must be above 0 and at most 100000") }
    }

    /// The simulation's clock as of now; `nil` when no simulation is joined.
    func clock() -> ScaledWallClock? {
        guard let epochMillis, let wallStartMillis, let timeScale else { return nil }
        let elapsed = Double(SystemWallClock().nowMillis() - wallStartMillis)
        return ScaledWallClock(epochMillis: epochMillis + Int64(elapsed * timeScale), scale: timeScale)
    }
}
