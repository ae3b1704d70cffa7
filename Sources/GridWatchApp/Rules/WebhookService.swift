import Collector
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GridWatchCore
import Logging
import ServiceLifecycle
import Store

/// Delivers the webhook outbox: each queued violation notice is POSTed as JSON to the configured URL,
/// oldest first, and deleted only after a 2xx answer; a failed call is retried with back-off. Each call
/// carries `X-GridWatch-Delivery: <outbox id>` so that a receiver can drop a repeat after a lost answer.
/// Idles while no webhook is configured (notices stay queued).
struct WebhookService: Service {
    let checker: RuleChecker
    let store: Store
    let wallClock: any WallClock
    let logger: Logger
    var pollInterval: Duration = .seconds(1)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            repeat {
                guard let webhook = await checker.configuration.rules?.webhook else { continue }
                do {
                    for delivery in try await store.dueWebhooks(at: wallClock.nowMillis()) {
                        guard !Task.isCancelled else { return }
                        try await deliver(delivery, to: webhook)
                    }
                } catch {
                    logger.error("webhook outbox not read", metadata: ["error": "\(error)"])
                }
            } while (try? await Task.sleep(for: pollInterval)) != nil
        }
    }

    private func deliver(_ delivery: WebhookDelivery, to webhook: WebhookConfiguration) async throws {
        var request = URLRequest(url: webhook.url, timeoutInterval: Double(webhook.timeout.components.seconds) + 0.001)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(String(delivery.id), forHTTPHeaderField: "X-GridWatch-Delivery")
        request.httpBody = Data(delivery.payload.utf8)
        let failure: String
        do {
            let (_, response) = try await URLSession.shared.data(for: request)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            if (200..<300).contains(status) {
                try await store.webhookDelivered(id: delivery.id)
                GatewayMetrics.recordWebhook(delivered: true)
                return
            }
            failure = "HTTP status \(status)"
        } catch {
            failure = "\(error)"
        }
        let wait = webhook.retry.delay(afterAttempt: delivery.attempts)
        try await store.webhookFailed(id: delivery.id, error: failure, retryAt: wallClock.nowMillis() + Int64(wait / .milliseconds(1)))
        GatewayMetrics.recordWebhook(delivered: false)
        logger.warning("webhook call failed, retried later", metadata: [
            "delivery": "\(delivery.id)", "attempts": "\(delivery.attempts + 1)", "error": "\(failure)", "retry_in": "\(wait)",
        ])
    }
}
