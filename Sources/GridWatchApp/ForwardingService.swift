import Fleet
import Logging
import ServiceLifecycle
import Store

/// The daemon's store-and-forward service: runs the `Forwarder` when `forward:` is configured (failing
/// the daemon at start when the central URL cannot be read), else idles until shutdown.
struct ForwardingService: Service {
    let configuration: GatewayConfiguration
    let store: Store
    let logger: Logger

    func run() async throws {
        guard let forwarder = try configuration.forwarder(store: store, logger: logger) else {
            try? await gracefulShutdown()
            return
        }
        logger.notice("forwarding to the central database", metadata: ["gateway_id": "\(configuration.gatewayID)"])
        try await forwarder.run()
    }
}
