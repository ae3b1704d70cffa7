import GridWatchCore

extension ReadingQuality {
    /// The integer stored in `readings.quality`; `reading_qualities` holds the same mapping in SQL.
    var storeCode: Int32 {
        switch self {
        case .good: 0
        case .timeout: 1
        case .exception: 2
        case .crcError: 3
        case .unsupported: 4
        case .stale: 5
        case .disconnected: 6
        }
    }

    init?(storeCode: Int64) {
        let all: [ReadingQuality] = [.good, .timeout, .exception, .crcError, .unsupported, .stale, .disconnected]
        guard storeCode >= 0, storeCode < all.count else { return nil }
        self = all[Int(storeCode)]
    }
}
