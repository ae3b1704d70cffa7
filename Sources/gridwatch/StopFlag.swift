import Dispatch
import Foundation

/// Set once from a signal handler, read by the serving loop.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false
    private var sources: [DispatchSourceSignal] = []

    var isSet: Bool { lock.withLock { raised } }
    private func set() { lock.withLock { raised = true } }
    private func retain(_ source: DispatchSourceSignal) { lock.withLock { sources.append(source) } }

    /// A flag raised by SIGINT or SIGTERM (which then no longer end the process).
    static func raisedBySIGINTOrSIGTERM() -> StopFlag {
        let flag = StopFlag()
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler { flag.set() }
            source.resume()
            flag.retain(source)
        }
        return flag
    }
}
