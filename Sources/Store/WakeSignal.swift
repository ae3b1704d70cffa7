import Synchronization

/// Wakes the reading writer's loop early (a batch filled up) instead of letting it poll.
///
/// `wait(upTo:)` returns when `signal()` is called, when the time is up, or when the task is
/// cancelled. A signal given while nobody waits is kept for the next wait, so none is lost (that
/// wait then returns at once; the loop re-checks its state, so an early return is harmless).
final class WakeSignal: Sendable {
    private struct State {
        var signalled = false
        var waiter: CheckedContinuation<Void, Never>?
        /// Which `wait` is current, so that an old timer never ends a newer wait.
        var generation: UInt64 = 0
        /// A wait whose time ran out before it had stored its continuation.
        var expiredGeneration: UInt64 = 0
    }
    private let state = Mutex(State())

    func signal() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter else {
                state.signalled = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    func wait(upTo timeout: Duration) async {
        let generation = state.withLock { state in
            state.generation += 1
            return state.generation
        }
        await withTaskGroup(of: Void.self) { group in
            // Ends this wait when the time is up, or at once when this task is cancelled.
            group.addTask {
                try? await Task.sleep(for: timeout)
                self.expire(generation)
            }
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state -> Bool in
                    if state.signalled || state.expiredGeneration == generation {
                        state.signalled = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
            group.cancelAll()
        }
    }

    private func expire(_ generation: UInt64) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard state.generation == generation else { return nil }
            state.expiredGeneration = generation
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }
}
