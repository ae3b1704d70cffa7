import Synchronization

/// Wakes the reading writer's loop early (a batch filled up) instead of letting it poll.
///
/// `wait(upTo:)` returns when `signal()` is called, when the time is up, or when the task is
/// cancelled. A signal given while nobody waits is kept for the next wait, so none is lost; a wait
/// may return early (the loop re-checks its state, so that is harmless).
final class WakeSignal: Sendable {
    private struct State {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
    }
    private let state = Mutex(State())

    func signal() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter else {
                state.pending = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    func wait(upTo timeout: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            // The timer (or the cancellation of this task, which ends its sleep) wakes the waiter.
            group.addTask {
                try? await Task.sleep(for: timeout)
                self.signal()
            }
            await withCheckedContinuation { continuation in
                let alreadySignalled = state.withLock { state -> Bool in
                    if state.pending {
                        state.pending = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if alreadySignalled { continuation.resume() }
            }
            group.cancelAll()
        }
    }
}
