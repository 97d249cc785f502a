import Logging
import ServiceLifecycle
import TresorStore

/// How a polling job waits while its store has a storage fault (a full disk, read-only storage,
/// a database that went away): the pause doubles from the job's idle interval up to
/// ``longest``, and the job logs once when the fault begins and once when it ends, not at every
/// poll. The job resumes by itself once a poll succeeds.
struct StorageBackoff {
    /// The longest pause between polls while the fault lasts.
    static let longest: Duration = .seconds(30)

    private var faults = 0
    private let job: String
    private let logger: Logger

    init(job: String, logger: Logger) {
        self.job = job
        self.logger = logger
    }

    /// Records a failed poll; returns how long to wait before the next one.
    mutating func failed(_ fault: StorageFault, idleInterval: Duration) -> Duration {
        if faults == 0 {
            logger.warning("storage fault: pausing until the store accepts writes again", metadata: ["job": "\(job)", "kind": "\(fault.kind.rawValue)"])
        }
        faults += 1
        var pause = idleInterval
        for _ in 0..<min(faults, 16) where pause < Self.longest { pause *= 2 }
        return min(pause, Self.longest)
    }

    /// Records a poll that worked.
    mutating func succeeded() {
        guard faults > 0 else { return }
        logger.notice("storage is back: resuming", metadata: ["job": "\(job)", "failed_polls": "\(faults)"])
        faults = 0
    }
}

extension StorageBackoff {
    /// Polls until the service shuts down: `poll` returns how much it did; when it did nothing
    /// the loop waits `idleInterval`, after a storage fault it backs off, after another error it
    /// logs `failure` and waits `idleInterval`.
    static func pollUntilShutdown(job: String, logger: Logger, idleInterval: Duration, failure: String,
                                  _ poll: () async throws -> Int) async {
        var backoff = StorageBackoff(job: job, logger: logger)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            var pause = idleInterval
            do {
                if try await poll() > 0 { pause = .zero }
                backoff.succeeded()
            } catch let fault as StorageFault {
                pause = backoff.failed(fault, idleInterval: idleInterval)
            } catch {
                logger.error("\(failure)", metadata: ["error_type": "\(type(of: error))"])
            }
            if pause > .zero {
                try? await cancelWhenGracefulShutdown { [pause] in try await Task.sleep(for: pause) }
            }
        }
    }
}
