import Foundation

/// Where things are when tests run: the package root, the peer scripts, the built binary.
public enum TestEnvironment {
    /// The folder holding `Package.swift`.
    public static let packageRoot: URL = {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/" && !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
            folder.deleteLastPathComponent()
        }
        return folder
    }()

    /// `Tests/Peers/<name>`: the Python peers the tests start.
    public static func peerScript(_ name: String) -> String {
        packageRoot.appendingPathComponent("Tests/Peers/\(name)").path
    }

    /// The `devices` folder of the package.
    public static var devicesDirectory: String { packageRoot.appendingPathComponent("devices").path }

    /// The built `gridwatch` binary: `$GRIDWATCH_BINARY`, else beside the test bundle (the build
    /// products folder `swift build --show-bin-path` names), else `.build/debug/gridwatch`.
    public static var gridwatchBinary: String {
        if let explicit = ProcessInfo.processInfo.environment["GRIDWATCH_BINARY"] { return explicit }
        let besideBundle = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
            .deletingLastPathComponent().appendingPathComponent("gridwatch").path
        if FileManager.default.isExecutableFile(atPath: besideBundle) { return besideBundle }
        for bundle in Bundle.allBundles {
            let candidate = bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("gridwatch").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return packageRoot.appendingPathComponent(".build/debug/gridwatch").path
    }

    /// A TCP port on 127.0.0.1 that nothing listens on right now.
    public static func freePort() -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                _ = bind(socket, pointer, length)
                return getsockname(socket, pointer, &length)
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
