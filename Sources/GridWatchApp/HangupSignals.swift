@preconcurrency import Dispatch
import Foundation

/// SIGHUP as an async sequence: each signal is one element. Creating it stops SIGHUP from ending the
/// process; the sequence ends when the consuming task is cancelled.
struct HangupSignals: AsyncSequence, Sendable {
    typealias Element = Void

    func makeAsyncIterator() -> AsyncStream<Void>.Iterator {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        signal(SIGHUP, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
        source.setEventHandler { continuation.yield() }
        continuation.onTermination = { _ in source.cancel() }
        source.resume()
        return stream.makeAsyncIterator()
    }
}
