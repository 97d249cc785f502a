import Foundation

/// What a backup did, for the command line to report.
public struct BackupSummary: Sendable {
    public var directory: URL
    public var withKeys: Bool
    /// The last erasure-ledger entry the backup's data had applied.
    public var ledgerSequence: Int64
    public var bytes: Int

    public init(directory: URL, withKeys: Bool, ledgerSequence: Int64, bytes: Int) {
        self.directory = directory
        self.withKeys = withKeys
        self.ledgerSequence = ledgerSequence
        self.bytes = bytes
    }
}

/// What a restore did.
public struct RestoreSummary: Sendable {
    /// Ledger entries newer than the backup, applied to it.
    public var replayed: Int
    public var ledgerSequence: Int64

    public init(replayed: Int, ledgerSequence: Int64) {
        self.replayed = replayed
        self.ledgerSequence = ledgerSequence
    }
}
