import DeviceProfiles

/// The planned reads of one poll group of one device, made once and reused by every cycle: every
/// point is numbered, so that a cycle files replies by position rather than by name, and has a fixed
/// place in the cycle's one register buffer, so that a reply is read straight into it.
final class DevicePlan {
    /// A read, where its reply goes in the buffer, and the positions (in `fetch`) of the points it carries.
    struct Step {
        var request: ReadRequest
        var bufferOffset: Int
        var positions: [Int]
    }

    /// Where one point of `fetch` sits in the buffer and how it decodes: no strings, cheap to copy.
    struct Slot {
        var format: PointFormat
        var wordStart: Int
        /// Position of the point's scale-factor point, if it has one.
        var factorPosition: Int?
        /// Whether a step reads the point (it is not one the device refused earlier).
        var isPlanned: Bool

        var words: Range<Int> { wordStart..<(wordStart + format.type.registerCount) }
    }

    let profile: DeviceProfile
    let unsupported: Set<String>
    /// The group's points in profile order, then the scale-factor and log-count points they need.
    let fetch: [Point]
    /// How many of `fetch` belong to the group (and are reported).
    let wantedCount: Int
    /// One per point of `fetch`.
    let slots: [Slot]
    let steps: [Step]
    /// Registers every step together reads.
    let bufferCount: Int
    let readsOutageLog: Bool
    /// Where each outage-log record sits in the buffer, by record index.
    let recordStarts: [Int]
    /// Position of the point that says how many outage-log records are in use.
    let logCountPosition: Int?
    private let positions: [String: Int]

    init(profile: DeviceProfile, group: String?, unsupported: Set<String>) {
        self.profile = profile
        self.unsupported = unsupported
        let wanted = profile.points(inGroup: group)
        readsOutageLog = profile.readsOutageLog(inGroup: group)
        let logCount = readsOutageLog ? profile.outageLog?.countPoint : nil
        let helpers = Set(wanted.compactMap(\.scaleFactor) + [logCount].compactMap { $0 }).subtracting(wanted.map(\.name))
        let fetch = wanted + profile.points.filter { helpers.contains($0.name) }
        self.fetch = fetch
        wantedCount = wanted.count
        let positions = Dictionary(fetch.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.positions = positions
        logCountPosition = logCount.flatMap { positions[$0] }
        let requests = RequestPlanner(workarounds: profile.workarounds).plan(
            fetch.filter { !unsupported.contains($0.name) },
            outageLog: readsOutageLog ? profile.outageLog : nil,
            avoiding: profile.points.filter { unsupported.contains($0.name) }
        )
        var offset = 0
        var steps: [Step] = []
        var wordStarts = [Int?](repeating: nil, count: fetch.count)
        var recordStarts = [Int](repeating: 0, count: readsOutageLog ? profile.outageLog?.records ?? 0 : 0)
        for request in requests {
            let step = Step(request: request, bufferOffset: offset, positions: request.points.map { positions[$0.name]! })
            for (point, position) in zip(request.points, step.positions) { wordStarts[position] = step.start(of: point.address) }
            for record in request.outageRecords { recordStarts[record.index] = step.start(of: record.address) }
            steps.append(step)
            offset += request.count
        }
        self.steps = steps
        bufferCount = offset
        self.recordStarts = recordStarts
        slots = fetch.indices.map { position in
            Slot(
                format: fetch[position].format, wordStart: wordStarts[position] ?? 0,
                factorPosition: fetch[position].scaleFactor.flatMap { positions[$0] }, isPlanned: wordStarts[position] != nil
            )
        }
    }

    /// Whether the plan was made from `profile`: compared in place, without copying the profile.
    func isMade(from profile: DeviceProfile) -> Bool { self.profile == profile }

    /// A step for a read made by splitting the refused `parent`: its reply lands where the parent's would have.
    func step(for request: ReadRequest, splitFrom parent: Step) -> Step {
        Step(request: request, bufferOffset: parent.start(of: request.address), positions: request.points.map { positions[$0.name]! })
    }
}

extension DevicePlan.Step {
    /// Where the register at `address` (inside this step's read) sits in the buffer.
    func start(of address: Int) -> Int { bufferOffset + address - request.address }

    /// This step's part of the buffer.
    var words: Range<Int> { bufferOffset..<(bufferOffset + request.count) }
}
