import Dispatch

/// A serial executor backed by a dispatch queue of its own: actors that make blocking C calls run
/// there, never on Swift's cooperative thread pool (as GRDB's `DispatchQueueActor`).
final class DispatchQueueExecutor: SerialExecutor {
    let queue: DispatchQueue
    /// A task executor on the same queue, for tasks that talk to the actor all the time.
    let taskExecutor: DispatchQueueTaskExecutor
    /// Marks the queue, so that code can tell it runs there whichever executor started it.
    private let key = DispatchSpecificKey<Void>()

    init(label: String) {
        queue = DispatchQueue(label: label, qos: .userInitiated)
        queue.setSpecific(key: key, value: ())
        taskExecutor = DispatchQueueTaskExecutor(queue: queue)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedSerialExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Whether the calling code runs on the queue: as one of the actor's jobs, or as a job of a task
    /// that prefers `taskExecutor`. Either way nothing else of the actor can run meanwhile.
    var isCurrent: Bool { DispatchQueue.getSpecific(key: key) != nil }

    /// The queue is serial: code running on it is isolated to the actor, even when a task executor
    /// (`taskExecutor`) rather than this executor started it.
    func isIsolatingCurrentContext() -> Bool? { isCurrent }

    func checkIsolated() {
        dispatchPrecondition(condition: .onQueue(queue))
    }
}

/// Runs a task's non-isolated code on a connection's queue: awaiting the connection from such a
/// task moves between jobs on one thread instead of waking another.
final class DispatchQueueTaskExecutor: TaskExecutor {
    private let queue: DispatchQueue

    init(queue: DispatchQueue) {
        self.queue = queue
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
