import ArgumentParser
import GridWatchCore
import Reliability
import Store

/// `gridwatch devices`: every device with its link health.
struct DevicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devices",
        abstract: "List every device with status, last seen, success ratio, latency and last error."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @OptionGroup var config: ConfigOptions
    @Option(help: "Output format: table or json.") var format: Format = .table

    func run() async throws {
        let (_, store) = try config.openStore()
        let devices = try await store.devices()
        switch format {
        case .json: print(JSONValue.array(devices.map(DeviceJSON.overview)).text)
        case .table:
            let header = ["id", "bus", "unit", "area", "status", "last seen", "ok/h", "p50 ms", "p99 ms", "last error"]
            print(TextTable.render([header] + devices.map { overview in
                let health = overview.health
                return [
                    overview.device.id, overview.device.bus ?? "", overview.device.unit.map(String.init) ?? "",
                    overview.device.area ?? "", overview.status.rawValue,
                    LocalTime.format(milliseconds: health?.lastSuccessMillis) ?? "never",
                    health?.successRatioHour.map { "\(Int(($0 * 100).rounded()))%" } ?? "",
                    health?.latencyP50Millis.map { String(format: "%.1f", $0) } ?? "",
                    health?.latencyP99Millis.map { String(format: "%.1f", $0) } ?? "",
                    health?.lastError ?? "",
                ]
            }), terminator: "")
        }
    }
}

/// The JSON shapes of devices and their health, shared by the CLI commands.
enum DeviceJSON {
    static func overview(_ overview: DeviceOverview) -> JSONValue {
        let health = overview.health
        return .object([
            ("id", .string(overview.device.id)),
            ("bus", .string(overview.device.bus)),
            ("unit", overview.device.unit.map { .integer(Int64($0)) } ?? .null),
            ("profile", .string(overview.device.profile)),
            ("area", .string(overview.device.area)),
            ("line", .string(overview.device.line)),
            ("status", .string(overview.status.rawValue)),
            ("last_success", .string(LocalTime.format(milliseconds: health?.lastSuccessMillis))),
            ("success_ratio", .number(health?.successRatioHour)),
            ("success_ratio_day", .number(health?.successRatioDay)),
            ("latency_p50_ms", .number(health?.latencyP50Millis)),
            ("latency_p99_ms", .number(health?.latencyP99Millis)),
            ("last_error", .string(health?.lastError)),
            ("last_error_code", .string(health?.lastErrorCode)),
            ("last_error_time", .string(LocalTime.format(milliseconds: health?.lastErrorMillis))),
            ("consecutive_failures", .integer(Int64(health?.consecutiveFailures ?? 0))),
            ("timeouts", .integer(Int64(health?.timeouts ?? 0))),
            ("exceptions", .integer(Int64(health?.exceptions ?? 0))),
            ("crc_errors", .integer(Int64(health?.crcErrors ?? 0))),
            ("offline_transitions", .integer(Int64(health?.offlineTransitions ?? 0))),
            ("missed_deadlines", .integer(Int64(health?.missedDeadlines ?? 0))),
            ("unsupported_points", .integer(Int64(health?.unsupportedPoints ?? 0))),
        ])
    }
}
