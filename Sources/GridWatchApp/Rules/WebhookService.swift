import AsyncHTTPClient
import Collector
import GridWatchCore
import Logging
import NIOCore
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
        var request = HTTPClientRequest(url: webhook.url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "X-GridWatch-Delivery", value: String(delivery.id))
        request.body = .bytes(ByteBuffer(string: delivery.payload))
        let failure: String
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .nanoseconds(Int64(webhook.timeout / .nanoseconds(1))))
            _ = try? await response.body.collect(upTo: 64 * 1024)
            if (200..<300).contains(response.status.code) {
                try await store.webhookDelivered(id: delivery.id)
                GatewayMetrics.recordWebhook(delivered: true)
                return
            }
            failure = "HTTP status \(response.status.code)"
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
