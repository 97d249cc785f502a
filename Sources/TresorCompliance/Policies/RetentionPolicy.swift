import Foundation

/// `policies/retention.yaml`: how long the access log is kept, and how often it is checkpointed.
public struct RetentionPolicy: Sendable, Equatable {
    public static let fileName = "retention.yaml"

    /// Days an access-log entry is kept before pruning may remove it.
    public let accessLogKeepDays: Int
    public let checkpointEveryEntries: Int
    public let checkpointEverySeconds: Int

    public init(text: String, file: String = fileName) throws {
        let document = try PolicyDocument(text: text, file: file)
        let top = try document.mapping(document.root, field: "")
        try document.rejectUnknownKeys(top, allowed: ["access_log"], field: "")
        let log = try document.mapping(top["access_log"], field: "access_log")
        try document.rejectUnknownKeys(log, allowed: ["keep_days", "checkpoint_every_entries", "checkpoint_every_seconds"], field: "access_log")
        accessLogKeepDays = try document.integer(log["keep_days"], field: "access_log.keep_days", default: 1095, range: 1...36_500)
        checkpointEveryEntries = try document.integer(log["checkpoint_every_entries"], field: "access_log.checkpoint_every_entries",
                                                      default: 1000, range: 1...1_000_000)
        checkpointEverySeconds = try document.integer(log["checkpoint_every_seconds"], field: "access_log.checkpoint_every_seconds",
                                                      default: 60, range: 1...86_400)
    }

    /// The moment (ms since 1970) before which entries may be pruned, seen from `now` (ms).
    public func accessLogCutoff(now: Int64) -> Int64 {
        now - Int64(accessLogKeepDays) * 86_400_000
    }
}
