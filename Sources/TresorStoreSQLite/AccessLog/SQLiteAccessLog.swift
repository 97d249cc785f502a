import Foundation
import GRDB
import NIOConcurrencyHelpers
import TresorCrypto
import TresorModel
import TresorStore

/// The access log's writer: appends entries to the hash chain in `tresor.sqlite` and signs
/// checkpoints (Docs/access-log.md).
///
/// Writes of personal data append their entry inside their own transaction
/// (``append(_:in:)``), so the change and its entry commit together or not at all. Reads, denials
/// and failures append through ``append(_:)``, which groups concurrent callers into one
/// transaction and returns only once their entries are committed.
public final class SQLiteAccessLog: AccessLogWriter {

    let database: SQLiteDatabase
    /// Nil when the log was opened without the master key: entries are appended, nothing is signed.
    public let signingKey: AuditSigningKey?
    public let checkpointPolicy: CheckpointPolicy
    /// Milliseconds since 1970.
    let clock: @Sendable () -> Int64
    /// False only in the benchmark's baseline store (``SQLiteCustomerStore/openUnloggedForBenchmark(directory:keyring:)``).
    let isRecording: Bool
    private let queue = NIOLockedValueBox(PendingAppends())

    init(database: SQLiteDatabase, signingKey: AuditSigningKey?, checkpointPolicy: CheckpointPolicy, clock: @escaping @Sendable () -> Int64,
         isRecording: Bool = true) {
        self.database = database
        self.signingKey = signingKey
        self.checkpointPolicy = checkpointPolicy
        self.clock = clock
        self.isRecording = isRecording
    }

    // MARK: Appending

    /// Appends `record` inside the caller's write transaction, signing a checkpoint when one is due
    /// by count. If the transaction rolls back, so does the entry.
    public func append(_ record: AccessRecord, in db: Database) throws {
        try append(contentsOf: [record], in: db)
    }

    /// Appends `records`, in order, inside the caller's write transaction.
    public func append(contentsOf records: [AccessRecord], in db: Database) throws {
        guard isRecording, !records.isEmpty else { return }
        var head = try ChainHead.fetch(db)
        let hasher = try SHA256Hasher()
        let insertEntry = try db.cachedStatement(sql: "INSERT INTO access_log (seq, time, entry, hash) VALUES (?, ?, ?, ?)")
        let insertSubject = try db.cachedStatement(sql: "INSERT OR IGNORE INTO access_log_subjects (subject_id, seq) VALUES (?, ?)")
        for record in records {
            let entry = AccessLogEntry(sequence: head.sequence + 1, time: max(clock(), head.time), record: record)
            let bytes = AccessLogEncoding.encode(entry)
            let hash = try hasher.hash(head.hash, bytes)
            try insertEntry.execute(arguments: [entry.sequence, entry.time, Data(bytes), Data(hash)])
            for subject in record.subjects {
                try insertSubject.execute(arguments: [subject.uuidString.lowercased(), entry.sequence])
            }
            head.sequence = entry.sequence
            head.time = entry.time
            head.hash = hash
            if entry.sequence - head.checkpointSequence >= Int64(checkpointPolicy.entries),
               try signCheckpoint(sequence: entry.sequence, chainHash: hash, time: entry.time, in: db) != nil {
                head.checkpointSequence = entry.sequence
                head.checkpointTime = entry.time
            }
        }
    }

    /// Appends `records` in one transaction of their own (bulk work: imports, benchmarks).
    public func append(contentsOf records: [AccessRecord]) async throws {
        try await database.write { db in try self.append(contentsOf: records, in: db) }
    }

    /// Appends `record` in a transaction of its own, shared with whatever other records are waiting,
    /// and returns once it is committed. Throws if it could not be written: the caller must then
    /// not hand out the data the record describes (fail closed).
    public func append(_ record: AccessRecord) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let startsFlush = queue.withLockedValue { pending in
                pending.records.append((record, continuation))
                if pending.isFlushing { return false }
                pending.isFlushing = true
                return true
            }
            if startsFlush { Task { await self.flush() } }
        }
    }

    /// Writes waiting records in batches until none are left.
    private func flush() async {
        while true {
            let batch = queue.withLockedValue { pending in
                let batch = pending.records
                pending.records = []
                if batch.isEmpty { pending.isFlushing = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            let records = batch.map(\.record)
            do {
                try await database.write { db in try self.append(contentsOf: records, in: db) }
                for waiting in batch { waiting.continuation.resume() }
            } catch {
                for waiting in batch { waiting.continuation.resume(throwing: error) }
            }
        }
    }

    // MARK: Checkpoints

    /// Signs a checkpoint over the newest entry when entries are uncovered and the last checkpoint
    /// is older than the policy's seconds (or `force` is set). Returns the new checkpoint, if any.
    @discardableResult
    public func checkpointIfDue(force: Bool = false) async throws -> AccessLogCheckpoint? {
        guard signingKey != nil else { return nil }
        let now = clock()
        return try await database.write { db -> AccessLogCheckpoint? in
            let head = try ChainHead.fetch(db)
            guard head.sequence > head.checkpointSequence else { return nil }
            guard force || now - head.checkpointTime >= Int64(self.checkpointPolicy.seconds) * 1000 else { return nil }
            return try self.signCheckpoint(sequence: head.sequence, chainHash: head.hash, time: max(now, head.time), in: db)
        }
    }

    @discardableResult
    private func signCheckpoint(sequence: Int64, chainHash: [UInt8], time: Int64, in db: Database) throws -> AccessLogCheckpoint? {
        guard let signingKey else { return nil }
        let message = AccessLogEncoding.checkpointMessage(sequence: sequence, chainHash: chainHash, time: time)
        let checkpoint = AccessLogCheckpoint(sequence: sequence, time: time, chainHash: chainHash, keyID: signingKey.id,
                                             signature: try signingKey.privateKey.signature(for: message))
        try db.execute(sql: "INSERT INTO access_log_checkpoints (seq, time, chain_hash, key_id, signature) VALUES (?, ?, ?, ?, ?)",
                       arguments: [checkpoint.sequence, checkpoint.time, Data(checkpoint.chainHash), checkpoint.keyID, Data(checkpoint.signature)])
        return checkpoint
    }

    // MARK: Retention

    /// Deletes the entries older than `cutoff` (ms) up to and including the newest checkpoint
    /// before it, which stays as the anchor the remaining entries verify from. Returns how many
    /// entries went.
    @discardableResult
    public func prune(olderThan cutoff: Int64) async throws -> Int {
        try await database.write { db in
            guard let anchor = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM access_log_checkpoints WHERE time < ?", arguments: [cutoff]) else {
                return 0
            }
            try db.execute(sql: "DELETE FROM access_log WHERE seq <= ?", arguments: [anchor])
            let removed = db.changesCount
            try db.execute(sql: "DELETE FROM access_log_subjects WHERE seq <= ?", arguments: [anchor])
            try db.execute(sql: "DELETE FROM access_log_checkpoints WHERE seq < ?", arguments: [anchor])
            return removed
        }
    }
}

/// Records waiting for ``SQLiteAccessLog/append(_:)``'s shared transaction.
private struct PendingAppends {
    var records: [(record: AccessRecord, continuation: CheckedContinuation<Void, any Error>)] = []
    var isFlushing = false
}

/// The newest entry's sequence, time and hash, and the newest checkpoint's sequence and time.
/// When every entry has been pruned, the chain continues from the anchor checkpoint.
struct ChainHead {
    var sequence: Int64
    var time: Int64
    var hash: [UInt8]
    var checkpointSequence: Int64
    var checkpointTime: Int64

    static func fetch(_ db: Database) throws -> ChainHead {
        let checkpoint = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, time, chain_hash FROM access_log_checkpoints ORDER BY seq DESC LIMIT 1"))
        let checkpointSequence: Int64 = checkpoint?["seq"] ?? 0
        let checkpointTime: Int64 = checkpoint?["time"] ?? 0
        if let last = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, time, hash FROM access_log ORDER BY seq DESC LIMIT 1")) {
            return ChainHead(sequence: last["seq"], time: last["time"], hash: Array(last["hash"] as Data),
                             checkpointSequence: checkpointSequence, checkpointTime: checkpointTime)
        }
        if let checkpoint {
            return ChainHead(sequence: checkpointSequence, time: checkpointTime, hash: Array(checkpoint["chain_hash"] as Data),
                             checkpointSequence: checkpointSequence, checkpointTime: checkpointTime)
        }
        return ChainHead(sequence: 0, time: 0, hash: AccessLogEncoding.genesisHash, checkpointSequence: 0, checkpointTime: 0)
    }
}
