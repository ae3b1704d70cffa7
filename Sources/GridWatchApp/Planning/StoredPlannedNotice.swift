import Store

/// The store's record of a planned-outage notice (named apart from the domain's `PlannedNotice`).
typealias StoredPlannedNotice = PlannedNotice
