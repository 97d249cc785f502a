import Foundation
import TresorCrypto
import TresorModel

/// Reads the access log: filtered pages for `tresor audit query` and `GET /v2/audit/entries`,
/// and the raw rows, checkpoints and subject index that verification walks. Needs no master key.
public protocol AccessLogReader: Sendable {
    typealias StoredEntry = StoredAccessLogEntry

    /// Up to `limit` matching entries after the query's cursor, and whether more follow.
    func entries(_ query: AccessLogQuery, limit: Int) async throws -> (entries: [AccessLogEntry], hasMore: Bool)
    /// Calls `body` with each matching entry in sequence order until it returns false, reading in
    /// chunks so memory stays bounded.
    func forEach(_ query: AccessLogQuery, _ body: (AccessLogEntry) throws -> Bool) async throws
    /// Calls `body` with every stored entry in sequence order, in one snapshot; also hands over the
    /// checkpoints and the subject index (subject id as UTF-8 text, sequence) of the same snapshot.
    func walk(
        checkpoints: ([AccessLogCheckpoint]) throws -> Void,
        entries body: (StoredAccessLogEntry) throws -> Void,
        subjectIndex: (UnsafeRawBufferPointer, Int64) throws -> Void
    ) throws
    /// Every public key the deployment has signed checkpoints with, by key id.
    func storedPublicKeys() async throws -> [String: Ed25519PublicKey]
    /// How many entries name the subject.
    func entryCount(subject: UUID) async throws -> Int
    /// How many entries there are, and the newest checkpoint.
    func summary() async throws -> (entries: Int, lastCheckpoint: AccessLogCheckpoint?)
}

/// One stored row, its bytes valid only during the callback.
public struct StoredAccessLogEntry {
    public var sequence: Int64
    public var time: Int64
    public var entry: UnsafeRawBufferPointer
    public var hash: UnsafeRawBufferPointer

    public init(sequence: Int64, time: Int64, entry: UnsafeRawBufferPointer, hash: UnsafeRawBufferPointer) {
        self.sequence = sequence
        self.time = time
        self.entry = entry
        self.hash = hash
    }
}
