import GridWatchTesting

/// Polls `condition` every `interval` until it holds; fails after `seconds` naming `what`.
func waitUntil(
    timeout seconds: Double, _ what: String, interval: Duration = .milliseconds(50), _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while try await !condition() {
        guard ContinuousClock.now < deadline else { throw TestSupportError("\(what): not within \(seconds) s") }
        try await Task.sleep(for: interval)
    }
}
