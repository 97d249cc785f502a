import Foundation
import Logging
import ServiceLifecycle
import TresorModel
import TresorService

/// The retention job in `tresor serve`: at start and then every hour, ends the legal holds whose
/// last day has passed and erases what they retained (`tresor retention run` does the same once).
public struct RetentionJob: Service {
    let service: TresorService
    let logger: Logger
    let interval: Duration

    public init(service: TresorService, logger: Logger, interval: Duration = .seconds(3600)) {
        self.service = service
        self.logger = logger
        self.interval = interval
    }

    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            await runOnce()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }

    /// One round: ends the expired holds, or, when that fails (a hold whose stored values do not
    /// decode stops the whole round so that nothing is erased by mistake), logs why.
    public func runOnce() async {
        do {
            let ended = try await service.runRetention(request: .system(job: "retention-job", purpose: SystemPurpose.legalObligation.rawValue))
            if !ended.isEmpty {
                let erased = ended.filter { $0.status == .retained }.count
                logger.info("ended expired legal holds", metadata: ["holds": "\(ended.count)", "retained_copies_erased": "\(erased)"])
            }
        } catch is CancellationError {
            return  // the server is stopping: not a failure of the round
        } catch {
            logger.error("retention job failed", metadata: ["error": "\(error)"])
        }
    }
}
