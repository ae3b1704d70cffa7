import DeviceProfiles

/// The planned reads of one poll group of one device, with every point numbered so that a cycle
/// files replies by position rather than by name.
struct DevicePlan {
    /// A read and the positions (in `fetch`) of the points it carries.
    struct Step {
        var request: ReadRequest
        var positions: [Int]
    }

    let profile: DeviceProfile
    let unsupported: Set<String>
    /// The group's points in profile order, then the scale-factor and log-count points they need.
    let fetch: [Point]
    /// How many of `fetch` belong to the group (and are reported).
    let wantedCount: Int
    /// For each point of `fetch`, the position of its scale-factor point.
    let factorPositions: [Int?]
    let steps: [Step]
    let readsOutageLog: Bool
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
        fetch = wanted + profile.points.filter { helpers.contains($0.name) }
        wantedCount = wanted.count
        let positions = Dictionary(fetch.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.positions = positions
        factorPositions = fetch.map { point in point.scaleFactor.flatMap { positions[$0] } }
        logCountPosition = logCount.flatMap { positions[$0] }
        let requests = RequestPlanner(workarounds: profile.workarounds).plan(
            fetch.filter { !unsupported.contains($0.name) },
            outageLog: readsOutageLog ? profile.outageLog : nil,
            avoiding: profile.points.filter { unsupported.contains($0.name) }
        )
        steps = requests.map { request in Step(request: request, positions: request.points.map { positions[$0.name]! }) }
    }

    /// A step for a read made by splitting a refused one.
    func step(for request: ReadRequest) -> Step {
        Step(request: request, positions: request.points.map { positions[$0.name]! })
    }
}
