import Foundation

/// Finds profiles by path or by name in a devices folder.
public struct ProfileLibrary: Sendable {
    /// Folders searched for `<name>.yaml`, first match wins.
    public var directories: [String]

    public init(directories: [String]) {
        self.directories = directories
    }

    /// The usual search path: `explicit` (a `--devices-dir` option) if given, else `$GRIDWATCH_DEVICES`,
    /// then `./devices`, then `devices` beside the executable and its parent folders.
    public static func standard(explicit: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) -> ProfileLibrary {
        if let explicit { return ProfileLibrary(directories: [explicit]) }
        var directories = [environment["GRIDWATCH_DEVICES"]].compactMap { $0 }
        directories.append(FileManager.default.currentDirectoryPath + "/devices")
        var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            directories.append(folder.appendingPathComponent("devices").path)
            folder.deleteLastPathComponent()
        }
        return ProfileLibrary(directories: directories)
    }

    /// Loads `reference`: a path to a YAML file, or a profile name such as `eastron-sdm630`.
    public func load(_ reference: String) throws -> DeviceProfile {
        if reference.hasSuffix(".yaml") || reference.hasSuffix(".yml") || reference.contains("/") {
            return try DeviceProfile.load(contentsOf: reference)
        }
        for directory in directories {
            let path = "\(directory)/\(reference).yaml"
            if FileManager.default.fileExists(atPath: path) { return try DeviceProfile.load(contentsOf: path) }
        }
        throw ProfileError(
            .unknownProfile, file: reference, line: 0,
            "no profile of this name, expected a file \(reference).yaml in one of: \(directories.joined(separator: ", "))"
        )
    }
}
