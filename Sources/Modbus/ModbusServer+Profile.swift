import DeviceProfiles

extension ModbusServer {
    /// Writes point values into `unit`'s registers as `profile` lays them out: the inverse of decoding.
    /// A `nil` value writes the point's "not available" sentinel. Scale-factor points are written first,
    /// so that the points using them are encoded with the new exponent.
    public func write(_ values: [String: Double?], profile: DeviceProfile, unit: Int) {
        let factors = Set(profile.points.compactMap(\.scaleFactor))
        let named = values.keys.compactMap(profile.point(named:))
        for point in named.filter({ factors.contains($0.name) }) + named.filter({ !factors.contains($0.name) }) {
            let exponent = point.scaleFactor.map { scaleExponent(of: $0, profile: profile, unit: unit) } ?? 0
            setRegisters(point.encode(values[point.name] ?? nil, scaleExponent: exponent), unit: unit, function: point.function, address: point.address)
        }
    }

    /// Writes `entries` (newest first) into the profile's outage log of `unit`; records beyond the
    /// entries are cleared.
    public func writeOutageLog(_ entries: [OutageLogEntry], profile: DeviceProfile, unit: Int) {
        guard let log = profile.outageLog else { return }
        let stamp = { (seconds: Int64) in
            RegisterDecoding.registers(for: Double(seconds), type: log.timeType, order: log.wordOrder)
        }
        let words = (0..<log.records).flatMap { index -> [UInt16] in
            guard index < entries.count else { return Array(repeating: 0, count: log.recordSize) }
            return stamp(entries[index].start) + stamp(entries[index].end ?? 0)
        }
        setRegisters(words, unit: unit, function: log.function, address: log.address)
    }

    private func scaleExponent(of factorName: String, profile: DeviceProfile, unit: Int) -> Int {
        guard let factor = profile.point(named: factorName) else { return 0 }
        let words = registers(unit: unit, function: factor.function, address: factor.address, count: factor.count)
        return RegisterDecoding.raw(words, type: factor.type, order: factor.wordOrder).map { Int($0) } ?? 0
    }
}
