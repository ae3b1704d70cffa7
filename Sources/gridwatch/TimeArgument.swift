import ArgumentParser
import GridWatchCore

/// An ISO-8601 time with offset given on the command line (`2025-01-01T00:00:00+08:00`).
struct TimeArgument: ExpressibleByArgument {
    let time: OffsetTime

    init?(argument: String) {
        guard let time = ISO8601Time.parse(argument) else { return nil }
        self.time = time
    }

    static var defaultValueDescription: String { "ISO-8601 time with offset" }
}
