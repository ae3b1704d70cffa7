import Foundation

/// Hands a reloaded configuration from the reload service to the collector, which restarts its bus
/// pollers with it while the writer, the aggregator and the store keep running.
actor ConfigurationReloads {
    private var pending: GatewayConfiguration?
    private(set) var applied = 0

    /// Queues `configuration`; a newer one replaces one not yet taken.
    func submit(_ configuration: GatewayConfiguration) {
        pending = configuration
    }

    /// The next configuration submitted; `nil` once the calling task is cancelled.
    func next() async -> GatewayConfiguration? {
        while !Task.isCancelled {
            if let configuration = pending {
                pending = nil
                applied += 1
                return configuration
            }
            try? await Task.sleep(for: .milliseconds(200))
        }
        return nil
    }
}
