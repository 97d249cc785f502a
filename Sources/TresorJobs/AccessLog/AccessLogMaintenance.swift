import Foundation
import Logging
import ServiceLifecycle
import TresorCompliance
import TresorModel
import TresorStore

/// The server's access-log housekeeping, run in its service group: signs a checkpoint when entries
/// have waited `checkpoint_every_seconds`, prunes entries past `keep_days` once a day, and signs a
/// last checkpoint on shutdown so a stopped server leaves nothing uncovered.
public struct AccessLogMaintenance: Service {
    let log: any AccessLogWriter
    let retention: RetentionPolicy
    let logger: Logger
    let clock: WallClock

    public init(log: any AccessLogWriter, retention: RetentionPolicy, logger: Logger, clock: WallClock = .system) {
        self.log = log
        self.retention = retention
        self.logger = logger
        self.clock = clock
    }

    public func run() async throws {
        var nextPrune = clock.milliseconds
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await log.checkpointIfDue()
                if clock.milliseconds >= nextPrune {
                    let removed = try await log.prune(olderThan: retention.accessLogCutoff(now: clock.milliseconds))
                    if removed > 0 { logger.info("pruned access-log entries past retention", metadata: ["entries": "\(removed)"]) }
                    nextPrune = clock.milliseconds + 86_400_000
                }
            } catch {
                logger.error("access-log maintenance failed", metadata: ["error": "\(error)"])
            }
            let interval = retention.checkpointEverySeconds
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(interval)) }
        }
        try await log.checkpointIfDue(force: true)
    }
}
