import ArgumentParser
import Fleet
import GridWatchApp
import Reliability

/// Where outage records come from: a gateway's database (`--config FILE`) or CSV files
/// (`--topology T.csv --outages O.csv`).
struct OutageFileOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: "Gateway configuration: its topology and the outage records in its database.")
    var config: String?

    @Option(help: "topology.csv: meter_id,area,line,county,region[,customers][,kva][,in_service_from][,in_service_to][,nominal_voltage]")
    var topology: String?

    @Option(help: "outages.csv: meter_id,start,end[,event_id][,class][,cause][,cause_code][,reclose_operations]")
    var outages: String?

    @OptionGroup var central: CentralOptions

    func validate() throws {
        switch (config, topology, outages, central.central) {
        case (_?, nil, nil, false), (nil, _?, _?, false), (nil, nil, nil, true): return
        default: throw ValidationError("give either --config FILE, both --topology T.csv and --outages O.csv, or --central")
        }
    }

    /// Loads the records; in-service dates without a time are local midnight at `dateUTCOffsetSeconds`.
    /// With `--central`, only records overlapping [from, to) (Unix seconds; unbounded when `nil`) are read,
    /// and only `centralFields` of them.
    func load(dateUTCOffsetSeconds: Int, from: Int64? = nil, to: Int64? = nil,
              centralFields: CentralOutageFields = .all) async throws -> (Topology, OutageTable) {
        if central.central {
            let fleet = try await central.outageTable(from: from, to: to, fields: centralFields)
            return (fleet.topology, fleet.outages)
        }
        if let config {
            return try await GatewayConfiguration.load(contentsOf: config).storedOutageTable()
        }
        let topology = try Topology.load(path: self.topology!, dateUTCOffsetSeconds: dateUTCOffsetSeconds)
        return (topology, try OutageTable.load(path: outages!, topology: topology))
    }
}
