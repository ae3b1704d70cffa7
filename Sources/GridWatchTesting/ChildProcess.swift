import Foundation

/// A process started by a test: output collected, every wait bounded, killed by `terminate()`
/// (call it in `tearDown`) or when the object goes away.
public final class ChildProcess: @unchecked Sendable {
    public let executable: String
    public let arguments: [String]
    private let process = Process()
    private let lock = NSLock()
    private var output = Data()
    private var errors = Data()

    /// Starts `executable` (a path, or a name looked up in `PATH`) with `arguments`.
    public init(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        self.executable = executable
        self.arguments = arguments
        process.executableURL = URL(fileURLWithPath: executable.contains("/") ? executable : try Self.find(executable))
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        for (pipe, isError) in [(out, false), (err, true)] {
            pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let data = handle.availableData
                if data.isEmpty { handle.readabilityHandler = nil } else { self?.append(data, error: isError) }
            }
        }
        try process.run()
    }

    deinit { terminate() }

    public var isRunning: Bool { process.isRunning }
    public var processIdentifier: Int32 { process.processIdentifier }

    /// What the process wrote to standard output (and standard error) so far.
    public var standardOutput: String { lock.withLock { String(decoding: output, as: UTF8.self) } }
    public var standardError: String { lock.withLock { String(decoding: errors, as: UTF8.self) } }

    /// Waits until standard output contains a line starting with `prefix`; returns that line.
    public func waitForLine(startingWith prefix: String, timeout: TimeInterval) throws -> String {
        try wait(timeout: timeout, for: "a line starting with '\(prefix)'") {
            self.standardOutput.split(separator: "\n").first { $0.hasPrefix(prefix) }.map(String.init)
        }
    }

    /// Waits for the process to exit; returns its exit status.
    @discardableResult
    public func waitForExit(timeout: TimeInterval) throws -> Int32 {
        _ = try wait(timeout: timeout, for: "the process to exit") { self.process.isRunning ? nil : true }
        Thread.sleep(forTimeInterval: 0.05)  // let the pipes drain
        return process.terminationStatus
    }

    /// Sends SIGTERM, then SIGKILL if the process has not gone within a second.
    public func terminate() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(1)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    private func append(_ data: Data, error: Bool) {
        lock.withLock { error ? errors.append(data) : output.append(data) }
    }

    private func wait<T>(timeout: TimeInterval, for what: String, _ check: () -> T?) throws -> T {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let value = check() { return value }
            Thread.sleep(forTimeInterval: 0.01)
        }
        if let value = check() { return value }
        throw TestSupportError("timed out after \(timeout) s waiting for \(what) from \(executable) \(arguments.joined(separator: " ")); stdout: \(standardOutput.suffix(500)); stderr: \(standardError.suffix(500))")
    }

    static func find(_ name: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
            return "\(folder)/\(name)"
        }
        throw TestSupportError("\(name) is not installed (not found in PATH); `make deps` installs it")
    }
}

/// A test-support failure: a peer that did not start, a tool that is missing.
public struct TestSupportError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
