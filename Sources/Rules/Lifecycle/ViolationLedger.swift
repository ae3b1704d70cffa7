/// Every violation of a rule set, open and closed: the in-memory, Codable state of "dynamic zeroing"
/// (动态清零). The store persists it; this type only decides.
public struct ViolationLedger: Sendable, Codable {
    /// In id order (opening order).
    public private(set) var violations: [TrackedViolation] = []
    public private(set) var nextID = 1
    /// Index in `violations` of the open violation of each key.
    private var openByKey: [ViolationKey: Int] = [:]
    /// The keys of the open violations of each entity.
    private var openByEntity: [EntityReference: [ViolationKey]] = [:]

    public init() {}

    public var open: [TrackedViolation] { violations.filter(\.isOpen) }

    public func openViolation(for key: ViolationKey) -> TrackedViolation? { openByKey[key].map { violations[$0] } }

    public func violation(id: Int) -> TrackedViolation? { index(of: id).map { violations[$0] } }

    /// Applies an evaluation: a violation whose key has no open one opens; an open one that still holds
    /// is updated; an open one of a `covering` entity (every entity when `nil`) that is not in the
    /// evaluation closes at the evaluation time. A partial evaluation passes the entities it covered.
    /// Returns the openings and closings.
    public mutating func apply(_ evaluation: RuleEvaluation, covering: Set<EntityReference>? = nil) -> [LifecycleTransition] {
        var transitions: [LifecycleTransition] = []
        var held = Set<ViolationKey>()
        for violation in evaluation.violations {
            let key = violation.key
            guard held.insert(key).inserted else { continue }
            if let index = openByKey[key] {
                violations[index].update(with: violation, at: evaluation.at)
            } else {
                let opened = TrackedViolation(id: nextID, violation: violation, at: evaluation.at)
                nextID += 1
                openByKey[key] = violations.count
                openByEntity[key.entityReference, default: []].append(key)
                violations.append(opened)
                transitions.append(LifecycleTransition(kind: .opened, at: evaluation.at, violation: opened))
            }
        }
        let candidates = covering.map { entities in entities.flatMap { openByEntity[$0] ?? [] } } ?? Array(openByKey.keys)
        let closing = candidates.filter { !held.contains($0) }.compactMap { key in openByKey[key].map { (key, $0) } }
        for (key, index) in closing.sorted(by: { $0.1 < $1.1 }) {
            violations[index].closedAt = evaluation.at
            openByKey[key] = nil
            openByEntity[key.entityReference]?.removeAll { $0 == key }
            if openByEntity[key.entityReference]?.isEmpty == true { openByEntity[key.entityReference] = nil }
            transitions.append(LifecycleTransition(kind: .closed, at: evaluation.at, violation: violations[index]))
        }
        return transitions
    }

    /// Acknowledges an open violation, optionally with a remediation note.
    public mutating func acknowledge(id: Int, at: Int64, by: String? = nil, note: String? = nil) throws(LedgerError) {
        guard let index = index(of: id) else { throw LedgerError(.unknownViolation, id: id) }
        guard violations[index].isOpen else { throw LedgerError(.notOpen, id: id) }
        violations[index].acknowledgement = .init(at: at, by: by, note: note)
        if let note { violations[index].remediationNote = note }
    }

    /// Sets the remediation note of a violation, open or closed.
    public mutating func setRemediationNote(id: Int, _ note: String) throws(LedgerError) {
        guard let index = index(of: id) else { throw LedgerError(.unknownViolation, id: id) }
        violations[index].remediationNote = note
    }

    private func index(of id: Int) -> Int? {
        var low = 0, high = violations.count
        while low < high {
            let middle = (low + high) / 2
            if violations[middle].id < id { low = middle + 1 } else { high = middle }
        }
        return low < violations.count && violations[low].id == id ? low : nil
    }

    private enum CodingKeys: String, CodingKey { case violations, nextID = "next_id" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        violations = try container.decode([TrackedViolation].self, forKey: .violations)
        nextID = try container.decode(Int.self, forKey: .nextID)
        for (index, violation) in violations.enumerated() where violation.isOpen {
            openByKey[violation.key] = index
            openByEntity[violation.key.entityReference, default: []].append(violation.key)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(violations, forKey: .violations)
        try container.encode(nextID, forKey: .nextID)
    }
}

/// A violation opened or closed by an evaluation.
public struct LifecycleTransition: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable { case opened, closed }

    public var kind: Kind
    /// Unix seconds.
    public var at: Int64
    /// The violation as it was right after the transition.
    public var violation: TrackedViolation
}

/// A ledger operation on a violation that does not allow it.
public struct LedgerError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable {
        fileprivate enum Kind { case unknownViolation, notOpen }
        fileprivate let kind: Kind
        /// No violation has this id.
        public static let unknownViolation = Code(kind: .unknownViolation)
        /// The violation is closed.
        public static let notOpen = Code(kind: .notOpen)
    }

    public let code: Code
    public let id: Int

    init(_ code: Code, id: Int) {
        self.code = code
        self.id = id
    }

    public var description: String {
        code == .notOpen ? "violation \(id) is closed, expected an open violation"
            : "no violation has id \(id), expected the id of a recorded violation"
    }
}
