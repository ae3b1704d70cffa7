import Dispatch
import Glibc

/// A serial executor backed by a dispatch queue of its own: actors that make blocking C calls run
/// there, never on Swift's cooperative thread pool (as GRDB's `DispatchQueueActor`).
final class DispatchQueueExecutor: SerialExecutor {
    let queue: DispatchQueue
    /// A task executor on the same queue, for tasks that talk to the actor all the time.
    let taskExecutor: DispatchQueueTaskExecutor

    /// Default quality of service: on Linux a higher one only renices the worker thread (to -2 when
    /// run as root), which made every blocking read cost about 2 µs more CPU in the kernel
    /// (bench/modbus) without polling any faster.
    init(label: String) {
        queue = DispatchQueue(label: label)
        taskExecutor = DispatchQueueTaskExecutor(queue: queue)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let (executor, queue) = (asUnownedSerialExecutor(), queue)
        queue.async { RunningQueue.run(queue) { job.runSynchronously(on: executor) } }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Whether the calling code runs on the queue: as one of the actor's jobs, or as a job of a task
    /// that prefers `taskExecutor`. Either way nothing else of the actor can run meanwhile.
    var isCurrent: Bool { RunningQueue.isRunning(queue) }

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
        let (executor, queue) = (asUnownedTaskExecutor(), queue)
        queue.async { RunningQueue.run(queue) { job.runSynchronously(on: executor) } }
    }
}

/// Which executor queue runs a job on the current thread: a thread-specific pointer, far cheaper to
/// ask on every read than dispatch's queue-specific values.
enum RunningQueue {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "no thread-specific key left")
        return key
    }()

    static func run(_ queue: DispatchQueue, _ job: () -> Void) {
        let previous = pthread_getspecific(key)
        pthread_setspecific(key, Unmanaged.passUnretained(queue).toOpaque())
        job()
        pthread_setspecific(key, previous)
    }

    static func isRunning(_ queue: DispatchQueue) -> Bool {
        pthread_getspecific(key) == Unmanaged.passUnretained(queue).toOpaque()
    }
}
