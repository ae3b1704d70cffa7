import ArgumentParser
import DeviceProfiles
import Foundation

/// `gridwatch validate FILE...`: check device profiles (and, later, configurations).
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check device profiles; print file:line: problem for each bad file."
    )

    @Argument(help: "Profile files (devices/*.yaml).")
    var files: [String]

    func run() throws {
        var failures = 0
        for file in files {
            do {
                let profile = try DeviceProfile.load(contentsOf: file)
                let plan = RequestPlanner(workarounds: profile.workarounds).plan(profile.points, outageLog: profile.outageLog)
                print("ok \(file): \(profile.points.count) points, \(plan.count) reads\(profile.outageLog.map { ", outage log of \($0.records) records" } ?? "")")
            } catch let error as ProfileError {
                failures += 1
                FileHandle.standardError.write(Data("\(error)\n".utf8))
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }
}
