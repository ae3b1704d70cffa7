import Foundation

/// Two connected pseudo-terminals made by socat: a serial line for RTU tests. Bytes are not paced at
/// any baud rate (see `PacedSerialRelay` for that).
public final class PtyPair: @unchecked Sendable {
    /// The two ends: give one to the client, the other to the server.
    public let first: String
    public let second: String
    private let socat: ChildProcess

    public init(timeout: TimeInterval = 5) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridwatch-pty-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        first = folder.appendingPathComponent("a").path
        second = folder.appendingPathComponent("b").path
        socat = try ChildProcess("socat", ["-d", "-d", "pty,raw,echo=0,link=\(first)", "pty,raw,echo=0,link=\(second)"])
        let deadline = Date().addingTimeInterval(timeout)
        while !(FileManager.default.fileExists(atPath: first) && FileManager.default.fileExists(atPath: second)) {
            guard Date() < deadline else {
                socat.terminate()
                throw TestSupportError("socat did not create the pty pair within \(timeout) s: \(socat.standardError)")
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    public func close() {
        socat.terminate()
        try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: first).deletingLastPathComponent().path)
    }
}
