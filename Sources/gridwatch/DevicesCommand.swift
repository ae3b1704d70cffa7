import API
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
        case .json: print(JSONValue.array(devices.map(deviceJSON.overview)).text)
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

/// The JSON shapes of devices, as the HTTP API gives them, at the gateway's local offset.
let deviceJSON = RecordJSON(utcOffsetSeconds: LocalTime.offsetSeconds)
