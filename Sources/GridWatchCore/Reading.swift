/// One value of one point of one device at one moment, as the collector hands it to the store.
public struct Reading: Sendable, Hashable, Codable {
    /// Gateway wall-clock time of the reply, Unix milliseconds (UTC).
    public var timeMillis: Int64
    public var deviceID: String
    /// A name from the shared point vocabulary (`voltage_a`, `energy_import_total`, ...).
    public var point: String
    /// `nil` when the device could not give the value; `quality` then says why.
    public var value: Double?
    public var quality: ReadingQuality

    public init(timeMillis: Int64, deviceID: String, point: String, value: Double?, quality: ReadingQuality) {
        self.timeMillis = timeMillis
        self.deviceID = deviceID
        self.point = point
        self.value = value
        self.quality = quality
    }
}
