extension DeviceProfile {
    /// Checks what single keys cannot: unique names, no two points on one register, scale-factor
    /// references, the outage log clear of points.
    func validate(file: String) throws {
        var seen: [String: Point] = [:]
        for point in points {
            if let first = seen[point.name] {
                throw ProfileError(.invalidValue, file: file, line: point.line, "point '\(point.name)' is defined twice (first at line \(first.line)), expected unique names")
            }
            seen[point.name] = point
        }
        for point in points {
            guard let reference = point.scaleFactor else { continue }
            guard let factor = seen[reference], factor.type == .int16 || factor.type == .uint16 else {
                throw ProfileError(.invalidValue, file: file, line: point.line, "point '\(point.name)' takes its scale factor from '\(reference)', expected the name of an int16 point of this profile")
            }
        }
        let byTable = Dictionary(grouping: points, by: \.function)
        for (_, tablePoints) in byTable {
            let sorted = tablePoints.sorted { ($0.address, $0.line) < ($1.address, $1.line) }
            for (previous, next) in zip(sorted, sorted.dropFirst()) where next.address < previous.endAddress {
                throw ProfileError(.overlap, file: file, line: next.line, "point '\(next.name)' at \(next.address) overlaps point '\(previous.name)' (\(previous.address)..<\(previous.endAddress)), expected separate registers")
            }
        }
        if let log = outageLog, let countName = log.countPoint {
            guard let count = seen[countName], !count.type.isFloatingPoint, count.type != .bool else {
                throw ProfileError(.invalidValue, file: file, line: log.line, "outage_log takes its record count from '\(countName)', expected the name of an integer point of this profile")
            }
        }
        if let log = outageLog {
            for point in points where point.function == log.function
                && point.address < log.endAddress && log.address < point.endAddress {
                throw ProfileError(.overlap, file: file, line: point.line, "point '\(point.name)' at \(point.address) lies inside the outage log (\(log.address)..<\(log.endAddress)), expected separate registers")
            }
        }
    }
}
