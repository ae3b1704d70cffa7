import ArgumentParser
import GridWatchCore
import Store

/// `gridwatch outages annotate EVENT`: classify an interruption event.
struct OutagesAnnotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotate",
        abstract: "Set the class, cause, cause code or work order of an interruption event and its outages.",
        discussion: """
            Meters know no cause: outages are fault_internal until annotated (or covered by a planned notice). \
            Use the reserved causes force_majeure and external_damage for outages the frequent-outage rules exclude. \
            Every annotation is kept in the event's history; later log re-reads keep it.
            """
    )

    @Argument(help: "Event id, as `gridwatch outages --format json` lists it (event_id).") var event: String
    @OptionGroup var config: ConfigOptions
    @Option(name: .customLong("class"), help: "One of: \(OutageClass.allCases.map(\.rawValue).joined(separator: ", ")).")
    var outageClass: String?
    @Option(help: "Free text, or force_majeure / external_damage.") var cause: String?
    @Option(name: .customLong("cause-code")) var causeCode: String?
    @Option(name: .customLong("work-order")) var workOrder: String?
    @Option(help: "Who annotates (kept in the history).") var author: String?

    func validate() throws {
        if let outageClass, OutageClass(rawValue: outageClass) == nil {
            throw ValidationError("--class '\(outageClass)' is not one of: \(OutageClass.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard outageClass != nil || cause != nil || causeCode != nil || workOrder != nil else {
            throw ValidationError("give at least one of --class, --cause, --cause-code, --work-order")
        }
    }

    func run() async throws {
        let store = try Store(config.load().store)
        try await store.annotateEvent(id: event, EventAnnotation(
            outageClass: outageClass.flatMap(OutageClass.init(rawValue:)), cause: cause, causeCode: causeCode,
            workOrder: workOrder, author: author))
        print("annotated event \(event)")
    }
}
