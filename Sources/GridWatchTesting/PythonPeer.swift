import Foundation

/// A pymodbus peer from `Tests/Peers`, started with `python3`. Peer scripts print `READY` once they
/// serve (and `READY <port>` for TCP).
public final class PythonPeer: @unchecked Sendable {
    public let process: ChildProcess

    /// Starts `Tests/Peers/<script>` with `arguments` and waits (bounded) until it says it is ready.
    public init(script: String, arguments: [String], startupTimeout: TimeInterval = 15) throws {
        process = try ChildProcess("python3", ["-u", "-W", "ignore", TestEnvironment.peerScript(script)] + arguments)
        do {
            _ = try process.waitForLine(startingWith: "READY", timeout: startupTimeout)
        } catch {
            process.terminate()
            throw error
        }
    }

    public func terminate() { process.terminate() }
}
