import Foundation

extension ViolationLedger {
    /// Reads a ledger saved by `save(path:)`; a missing file is an empty ledger.
    public static func load(path: String) throws -> ViolationLedger {
        guard FileManager.default.fileExists(atPath: path) else { return ViolationLedger() }
        return try JSONDecoder().decode(ViolationLedger.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Writes the ledger as JSON, replacing the file atomically.
    public func save(path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
