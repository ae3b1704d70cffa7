import ArgumentParser
import Reliability

/// `--topology T.csv --outages O.csv`: outage records read from CSV files instead of the store.
struct OutageFileOptions: ParsableArguments {
    @Option(help: "topology.csv: meter_id,area,line,county,region[,customers][,kva][,in_service_from][,in_service_to][,nominal_voltage]")
    var topology: String

    @Option(help: "outages.csv: meter_id,start,end[,event_id][,class][,cause][,cause_code][,reclose_operations]")
    var outages: String

    /// Loads both files; in-service dates without a time are local midnight at `dateUTCOffsetSeconds`.
    func load(dateUTCOffsetSeconds: Int) throws -> (Topology, OutageTable) {
        let topology = try Topology.load(path: self.topology, dateUTCOffsetSeconds: dateUTCOffsetSeconds)
        return (topology, try OutageTable.load(path: outages, topology: topology))
    }
}
