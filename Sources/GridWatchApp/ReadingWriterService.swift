import ServiceLifecycle
import Store

/// Runs the batched reading writer; on graceful shutdown it commits what is pending, then returns.
/// Listed before the collector, so that it stops after it.
struct ReadingWriterService: Service {
    let writer: ReadingWriter

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            try await writer.run()
        }
    }
}
