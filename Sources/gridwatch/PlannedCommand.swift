import ArgumentParser
import GridWatchApp
import Reliability
import Store

/// `gridwatch planned`: planned-outage notices.
struct PlannedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "planned",
        abstract: "Planned-outage notices: outages they cover are classed planned, not faults.",
        subcommands: [Import.self]
    )

    /// `gridwatch planned import FILE.csv`.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Load planned-outage notices from a CSV file into the gateway's database.",
            discussion: """
                planned.csv has a header row and the columns notice_id,scope,scope_id,start,end[,cause]: \
                scope is area or line, start and end ISO-8601 times with offset (the announced window). \
                Outages of that area or line starting in the window are classed planned, with the notice id \
                as their work order. Importing a notice id again replaces it.
                """
        )

        @Argument(help: "planned.csv") var file: String
        @OptionGroup var config: ConfigOptions

        func run() async throws {
            let notices = try PlannedNotice.load(path: file)
            let configuration = try config.load()
            try await PlannedNotices.importNotices(notices, into: Store(configuration.store))
            print("imported \(notices.count) planned-outage notices")
        }
    }
}
