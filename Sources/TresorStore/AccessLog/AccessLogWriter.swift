import Foundation
import TresorModel

/// The access log's writer as the jobs above the store see it: appends outside a change (bulk
/// work), signs checkpoints when due, and prunes by the retention policy. Writes of personal data
/// append their entries inside the change's own unit of work, in the adapter.
public protocol AccessLogWriter: Sendable {
    typealias CheckpointPolicy = AccessLogCheckpointPolicy

    /// Nil when the log was opened without the master key: entries are appended, nothing is signed.
    var signingKey: AuditSigningKey? { get }
    var checkpointPolicy: AccessLogCheckpointPolicy { get }
    /// Appends `record` in a unit of work of its own, returning once it is committed.
    func append(_ record: AccessRecord) async throws
    /// Appends `records`, in order, in one unit of work of their own (imports, benchmarks).
    func append(contentsOf records: [AccessRecord]) async throws
    /// Signs a checkpoint over the newest entry when entries are uncovered and the last checkpoint
    /// is older than the policy's seconds (or `force` is set). Returns the new checkpoint, if any.
    @discardableResult
    func checkpointIfDue(force: Bool) async throws -> AccessLogCheckpoint?
    /// Deletes the entries older than `cutoff` (ms) up to and including the newest checkpoint
    /// before it, which stays as the anchor the remaining entries verify from. Returns how many went.
    @discardableResult
    func prune(olderThan cutoff: Int64) async throws -> Int
}

extension AccessLogWriter {
    @discardableResult
    public func checkpointIfDue() async throws -> AccessLogCheckpoint? {
        try await checkpointIfDue(force: false)
    }
}

/// When checkpoints are signed: every `entries` entries, or when `seconds` have passed since the
/// last one and entries are uncovered (``checkpointIfDue()``, run by the server's timer).
public struct AccessLogCheckpointPolicy: Sendable, Equatable {
    public var entries: Int
    public var seconds: Int
    public init(entries: Int = 1_000, seconds: Int = 60) {
        self.entries = max(1, entries)
        self.seconds = max(1, seconds)
    }
}
