import Foundation

extension ChildProcess {
    /// Starts the built `gridwatch` binary with `arguments`.
    public static func gridwatch(_ arguments: [String]) throws -> ChildProcess {
        let binary = TestEnvironment.gridwatchBinary
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw TestSupportError("no gridwatch binary at \(binary); run `swift build --build-tests` first")
        }
        return try ChildProcess(binary, arguments)
    }

    /// Runs a command to its end (bounded by `timeout`): exit status, standard output, standard error.
    public static func run(_ executable: String, _ arguments: [String], timeout: TimeInterval = 30) throws -> (status: Int32, output: String, error: String) {
        let process = executable == "gridwatch" ? try gridwatch(arguments) : try ChildProcess(executable, arguments)
        defer { process.terminate() }
        let status = try process.waitForExit(timeout: timeout)
        return (status, process.standardOutput, process.standardError)
    }
}
