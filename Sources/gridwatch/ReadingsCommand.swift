import ArgumentParser
import GridWatchCore
import Reliability
import Store

/// `gridwatch readings`: one point's series over a time range.
struct ReadingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "readings",
        abstract: "Print one point of one device over [--from, --to), raw or in --step buckets."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

    @OptionGroup var config: ConfigOptions
    @Option(help: "Device id.") var device: String
    @Option(help: "Point name, e.g. voltage_a.") var point: String
    @Option(help: "Start, inclusive (ISO-8601 with offset).") var from: TimeArgument
    @Option(help: "End, exclusive (ISO-8601 with offset).") var to: TimeArgument
    @Option(help: "Aggregate into buckets of this many minutes (min/mean/max); raw readings when absent.")
    var stepMinutes: Int?
    @Option(help: "Output format: csv or json.") var format: Format = .csv

    func validate() throws {
        guard from.time.unixSeconds <= to.time.unixSeconds else { throw ValidationError("--from is after --to") }
        if let stepMinutes, stepMinutes < 1 { throw ValidationError("--step-minutes must be at least 1") }
    }

    func run() async throws {
        let (_, store) = try config.openStore()
        let range = (from.time.unixSeconds * 1000, to.time.unixSeconds * 1000)
        if let stepMinutes {
            let buckets = try await store.aggregatedReadings(
                deviceID: device, point: point, fromMillis: range.0, toMillis: range.1, step: .seconds(60 * stepMinutes))
            switch format {
            case .json:
                print(JSONValue.array(buckets.map { bucket in
                    .object([
                        ("time", .string(LocalTime.format(milliseconds: bucket.timeMillis))),
                        ("value", .number(bucket.mean)), ("min", .number(bucket.min)), ("max", .number(bucket.max)),
                        ("last", .number(bucket.last)), ("count", .integer(Int64(bucket.count))),
                        ("samples", .integer(Int64(bucket.samples))),
                    ])
                }).text)
            case .csv:
                print("time,value,min,max,last,count,samples")
                for bucket in buckets {
                    let cells = [bucket.mean, bucket.min, bucket.max, bucket.last].map { $0.map { "\($0)" } ?? "" }
                    print(([LocalTime.format(milliseconds: bucket.timeMillis)!] + cells + ["\(bucket.count)", "\(bucket.samples)"]).joined(separator: ","))
                }
            }
            return
        }
        let readings = try await store.readings(deviceID: device, point: point, fromMillis: range.0, toMillis: range.1)
        switch format {
        case .json:
            print(JSONValue.array(readings.map { reading in
                .object([
                    ("time", .string(LocalTime.format(milliseconds: reading.timeMillis))),
                    ("value", .number(reading.value)), ("quality", .string(reading.quality.rawValue)),
                ])
            }).text)
        case .csv:
            print("time,value,quality")
            for reading in readings {
                print("\(LocalTime.format(milliseconds: reading.timeMillis)!),\(reading.value.map { "\($0)" } ?? ""),\(reading.quality.rawValue)")
            }
        }
    }
}
