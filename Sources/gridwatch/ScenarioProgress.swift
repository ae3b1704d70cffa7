import GridWatchCore
import Simulation

/// Announces each scripted event as simulated time passes its start and end, and the scenario's end.
struct ScenarioProgress {
    private var marks: [(time: Int64, text: String)]

    init(timeline: SubstationTimeline) {
        let events = timeline.scenario.events.flatMap { event -> [(Int64, String)] in
            let start = timeline.epoch + event.startSeconds
            let what = "\(event.id) (\(event.kind.rawValue) \(Self.name(event.target)))"
            guard let duration = event.durationSeconds else { return [(start, "event \(what) starts")] }
            return [(start, "event \(what) starts"), (start + duration, "event \(what) ends")]
        }
        marks = (events + [(timeline.end, "scenario finished; still serving until stopped")]).sorted { $0.0 < $1.0 }
    }

    /// Reports every mark up to `time` (simulated Unix seconds) not reported yet.
    mutating func report(upTo time: Int64, _ say: (String) -> Void) {
        while let mark = marks.first, mark.time <= time {
            marks.removeFirst()
            say("t=\(ISO8601Time.format(unixSeconds: mark.time, utcOffsetSeconds: 0)) \(mark.text)")
        }
    }

    private static func name(_ target: ScenarioEvent.Target) -> String {
        switch target {
        case .area(let id): "area \(id)"
        case .meter(let id): "meter \(id)"
        }
    }
}
