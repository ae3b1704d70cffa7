import ArgumentParser

/// `gridwatch`: collect meter data over Modbus, find outages, compute supply-reliability indices.
@main
struct GridWatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gridwatch",
        abstract: "Poll meters over Modbus, record outages and compute supply-reliability indices.",
        subcommands: [
            // Each subcommand lives in its own file; keep this list in the order of `--help`.
            RunCommand.self,
            DevicesCommand.self,
            DeviceCommand.self,
            ReadingsCommand.self,
            OutagesCommand.self,
            PlannedCommand.self,
            IndicesCommand.self,
            RulesCommand.self,
            ViolationsCommand.self,
            VoltageCommand.self,
            ReportCommand.self,
            CentralCommand.self,
            PollCommand.self,
            ValidateCommand.self,
            SimulateCommand.self,
            DemoCommand.self,
            BenchModbusCommand.self,
            StoreLoadCommand.self,
        ]
    )
}
