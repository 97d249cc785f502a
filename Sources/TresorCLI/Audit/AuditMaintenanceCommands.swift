import ArgumentParser
import Foundation
import TresorCompliance
import TresorDeployment
import TresorHTTP
import TresorModel

/// `tresor audit checkpoint`: signs a checkpoint over the newest entry now.
struct AuditCheckpointCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Sign a checkpoint over the newest entry now (the server does this on its own).",
        discussion: "Example:\n  tresor audit checkpoint --data-dir /srv/tresor"
    )

    @OptionGroup var data: DataDirectoryOptions

    func run() async throws {
        let store = try await Deployment(directory: data.url).openExistingStore()
        defer { try? store.close() }
        if let checkpoint = try await store.accessLog.checkpointIfDue(force: true) {
            print("Signed checkpoint at entry \(checkpoint.sequence) (\(AccessLogJSON.timestamp(checkpoint.time)), key \(checkpoint.keyID)).")
        } else {
            print("Nothing to sign: every entry is already covered by a checkpoint.")
        }
    }
}

/// `tresor audit prune`: applies the retention policy now.
struct AuditPruneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Delete entries older than retention.yaml's keep_days, up to a signed checkpoint.",
        discussion: """
            The newest checkpoint before the cutoff stays as the anchor, so the rest still verifies. \
            The server runs this once a day.

            Example:
              tresor audit prune --policies /etc/tresor/policies
            """
    )

    @OptionGroup var data: DataDirectoryOptions
    @OptionGroup var policies: PolicyOptions

    func run() async throws {
        let policySet = try PolicySet.load(directory: PolicySet.directory(option: policies.directory, environment: ProcessInfo.processInfo.environment))
        let store = try await Deployment(directory: data.url).openExistingStore()
        defer { try? store.close() }
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let removed = try await store.accessLog.prune(olderThan: policySet.retention.accessLogCutoff(now: now))
        print("Pruned \(removed) entries older than \(policySet.retention.accessLogKeepDays) days.")
    }
}
