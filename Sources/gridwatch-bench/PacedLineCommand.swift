import Foundation
import GridWatchTesting

/// `gridwatch-bench paced-line --baud N`: a serial line that keeps RS-485 timing between two pty ends,
/// for benchmarks run by `bench/collector/run.py`. Prints `client=PATH server=PATH`, then serves until
/// SIGTERM or SIGINT and prints `busy_seconds=S frames=N gap_violations=N master_gap_seconds=S turnaround_seconds=S
/// wall_seconds=S` (the two gaps are means: after replies, and before them).
@main
enum PacedLineCommand {
    static func main() throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 4, arguments[1] == "paced-line", arguments[2] == "--baud", let baud = Int(arguments[3]) else {
            FileHandle.standardError.write(Data("usage: gridwatch-bench paced-line --baud N\n".utf8))
            exit(2)
        }
        let relay = try PacedSerialRelay(baud: baud)
        FileHandle.standardOutput.write(Data("client=\(relay.clientEnd) server=\(relay.serverEnd)\n".utf8))
        let started = Date()
        let stop = DispatchSemaphore(value: 0)
        var sources: [DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler { stop.signal() }
            source.resume()
            sources.append(source)
        }
        stop.wait()
        let wall = Date().timeIntervalSince(started)
        let gaps = "master_gap_seconds=\(relay.meanMasterGapSeconds ?? .nan) turnaround_seconds=\(relay.meanTurnaroundSeconds ?? .nan)"
        FileHandle.standardOutput.write(Data("busy_seconds=\(relay.busySeconds) frames=\(relay.requestFrames) gap_violations=\(relay.gapViolations) \(gaps) wall_seconds=\(wall)\n".utf8))
        relay.close()
        _ = sources
    }
}
