import ArgumentParser

/// `--format`: a table for people (rounded), JSON or CSV for programs (full precision).
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}
