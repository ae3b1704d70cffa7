import ArgumentParser
import GridWatchCore
import Reliability
import Store

/// `gridwatch device ID`: one device's latest values, health and recent errors.
struct DeviceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "device",
        abstract: "Show one device's latest values with quality, its health and its recent errors."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Argument(help: "Device id from the configuration.") var id: String
    @OptionGroup var config: ConfigOptions
    @Option(help: "Output format: table or json.") var format: Format = .table

    func run() async throws {
        let (_, store) = try config.openStore()
        guard let overview = try await store.devices().first(where: { $0.device.id == id }) else {
            throw ValidationError("no device '\(id)' in the database, expected an id that `gridwatch devices` lists")
        }
        let values = try await store.latestValues(deviceID: id)
        let now = Store.nowMillis()
        let errors = try await store.healthHistory(deviceID: id, fromMillis: now - 86_400_000, toMillis: now + 1)
            .filter { $0.lastErrorMillis != nil }
        let recentErrors = Dictionary(grouping: errors) { $0.lastErrorMillis! }.values
            .compactMap(\.last).sorted { $0.lastErrorMillis! > $1.lastErrorMillis! }.prefix(10)
        let flags = try await store.inputFlags(deviceID: id)

        switch format {
        case .json:
            print(JSONValue.object([
                ("device", deviceJSON.overview(overview)),
                ("values", .array(values.map(deviceJSON.value))),
                ("recent_errors", .array(recentErrors.map { health in
                    .object([
                        ("time", .string(LocalTime.format(milliseconds: health.lastErrorMillis))),
                        ("code", .string(health.lastErrorCode)), ("error", .string(health.lastError)),
                    ])
                })),
                ("input_flags", .array(flags.map(deviceJSON.inputFlag))),
            ]).text)
        case .table:
            let health = overview.health
            print("""
                \(id)  \(overview.status.rawValue)  bus \(overview.device.bus ?? "-") unit \(overview.device.unit.map(String.init) ?? "-")  \
                profile \(overview.device.profile ?? "-")  area \(overview.device.area ?? "-")
                last seen \(LocalTime.format(milliseconds: health?.lastSuccessMillis) ?? "never"), \
                \(health?.consecutiveFailures ?? 0) failures in a row, \(health?.timeouts ?? 0) timeouts, \
                \(health?.exceptions ?? 0) exceptions, \(health?.crcErrors ?? 0) CRC errors

                """)
            print(TextTable.render([["point", "value", "quality", "time"]] + values.map {
                [$0.point, $0.value.map { "\($0)" } ?? "-", $0.quality.rawValue, LocalTime.format(milliseconds: $0.timeMillis) ?? ""]
            }), terminator: "")
            if !recentErrors.isEmpty {
                print("\nrecent errors")
                print(TextTable.render(recentErrors.map {
                    [LocalTime.format(milliseconds: $0.lastErrorMillis) ?? "", $0.lastErrorCode ?? "", $0.lastError ?? ""]
                }), terminator: "")
            }
            if !flags.isEmpty {
                print("\ninput rejected as untrusted")
                print(TextTable.render([["reason", "first", "last", "last value"]] + flags.map {
                    [$0.reason, LocalTime.format(milliseconds: $0.firstMillis) ?? "", LocalTime.format(milliseconds: $0.lastMillis) ?? "", $0.lastValue ?? ""]
                }), terminator: "")
            }
        }
    }
}
