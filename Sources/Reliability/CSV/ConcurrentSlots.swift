import Dispatch

/// One result slot per concurrently running piece of work: each slot is written by exactly one
/// `DispatchQueue.concurrentPerform` iteration and read after all have finished, so sharing the
/// buffer across threads is safe.
struct ConcurrentSlots<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element?>

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    /// Frees the slots (after every result has been taken).
    func deallocate() { buffer.deinitialize().deallocate() }
}

/// Two pieces of work at once.
enum Concurrently {
    /// Runs `first` and `second` at the same time, on two threads, and returns both results.
    static func both<A, B>(_ first: @Sendable () -> A, _ second: @Sendable () -> B) -> (A, B) {
        let firsts = ConcurrentSlots<A>(count: 1), seconds = ConcurrentSlots<B>(count: 1)
        defer {
            firsts.deallocate()
            seconds.deallocate()
        }
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 { firsts.buffer[0] = first() } else { seconds.buffer[0] = second() }
        }
        return (firsts.buffer[0]!, seconds.buffer[0]!)
    }
}
