import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Two connected pseudo-terminals made by `socat`: a serial line whose one end the simulator serves
/// Modbus RTU on and whose other end the daemon opens. Bytes are not paced at the baud rate.
///
/// socat is spawned with an empty signal mask and default signal actions: a process started from a
/// Swift concurrency thread (signals blocked) or from `gridwatch simulate` (SIGTERM ignored) would
/// otherwise pass those on, and socat could not be stopped.
final class SerialLinePair: Sendable {
    /// The simulator's end and the daemon's end.
    let serverEnd: String
    let clientEnd: String
    private let socat: pid_t
    private let closed = Mutex(false)

    /// Starts socat making `<folder>/<name>-sim` and `<folder>/<name>-gw`; waits until both exist.
    init(folder: String, name: String, timeout: TimeInterval = 5) throws {
        serverEnd = "\(folder)/\(name)-sim"
        clientEnd = "\(folder)/\(name)-gw"
        socat = try Self.spawn(try Self.socatPath(), ["socat", "pty,raw,echo=0,link=\(serverEnd)", "pty,raw,echo=0,link=\(clientEnd)"])
        let deadline = Date().addingTimeInterval(timeout)
        while !(FileManager.default.fileExists(atPath: serverEnd) && FileManager.default.fileExists(atPath: clientEnd)) {
            guard Date() < deadline, kill(socat, 0) == 0 else {
                close()
                throw SimulationError(.serialLineUnavailable, "socat did not make the pty pair \(serverEnd), \(clientEnd) within \(timeout) s")
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    deinit { close() }

    /// Ends socat (SIGTERM, then SIGKILL after a second) and removes both links.
    func close() {
        guard closed.withLock({ done in defer { done = true }; return !done }) else { return }
        kill(socat, SIGTERM)
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(1)
        while waitpid(socat, &status, WNOHANG) == 0 {
            if Date() > deadline {
                kill(socat, SIGKILL)
                waitpid(socat, &status, 0)
                break
            }
            Thread.sleep(forTimeInterval: 0.005)
        }
        for link in [serverEnd, clientEnd] { try? FileManager.default.removeItem(atPath: link) }
    }

    /// Starts `arguments` (the first is the program's name) from `path`, output to /dev/null.
    private static func spawn(_ path: String, _ arguments: [String]) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), defaults = sigset_t()
        sigemptyset(&noSignals)
        sigemptyset(&defaults)
        for number in [SIGTERM, SIGINT, SIGHUP, SIGPIPE] { sigaddset(&defaults, number) }
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        guard result == 0 else {
            throw SimulationError(.serialLineUnavailable, "socat could not be started (\(String(cString: strerror(result))))")
        }
        return pid
    }

    private static func socatPath() throws -> String {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard let folder = folders.first(where: { FileManager.default.isExecutableFile(atPath: "\($0)/socat") }) else {
            throw SimulationError(.serialLineUnavailable, "socat is not installed (not found in PATH); it makes the pty pairs of areas served over RTU (apt-get install socat)")
        }
        return "\(folder)/socat"
    }
}
