/// One (device, point) pair: a series of readings, stored under a compact integer id.
struct SeriesKey: Hashable, Sendable {
    var deviceID: String
    var point: String
}
