extension BusConfiguration: CustomStringConvertible {
    /// `bus 'feeder-7' on tcp://127.0.0.1:1502, 200 devices`. Short on purpose: ServiceLifecycle names
    /// each service by interpolating it, and the services that hold the configuration would otherwise
    /// keep a dump of every device's profile (about 6 MB each at 1,000 devices).
    public var description: String {
        "bus '\(id)' on \(endpoint), \(devices.count) device\(devices.count == 1 ? "" : "s")"
    }
}
