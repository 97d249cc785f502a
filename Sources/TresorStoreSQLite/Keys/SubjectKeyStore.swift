import Foundation
import GRDB
import NIOConcurrencyHelpers
import TresorCrypto
import TresorStore

/// The data keys of all data subjects: wrapped in `keys.sqlite`, unwrapped on demand and
/// cached for a while.
final class SubjectKeyStore: SubjectKeyStorage {
    private let database: SQLiteDatabase
    private let readers: SynchronousReaders
    let keyring: MasterKeyring
    private let cache: DataKeyCache
    /// Subjects whose rows have been committed since their key was stored; their `pending_keys`
    /// entries are removed with the next key write.
    private let confirmed = NIOLockedValueBox<[String]>([])

    init(database: SQLiteDatabase, readers: SynchronousReaders, keyring: MasterKeyring, cache: DataKeyCache = DataKeyCache()) {
        self.database = database
        self.readers = readers
        self.keyring = keyring
        self.cache = cache
    }

    /// Commits a write that changes nothing (readiness).
    func probeWrite() async throws {
        try await database.probeWrite()
    }

    func close() throws {
        try readers.close()
        try database.close()
    }

    /// A new data key for `subjectID` and its wrapped form; nothing is written yet.
    func makeKey(for subjectID: String) throws -> (key: DataKey, wrapped: WrappedDataKey) {
        let key = try DataKey.generate()
        return (key, try keyring.wrap(key, subjectID: subjectID))
    }

    /// Writes wrapped keys in one transaction, each marked pending until ``confirm(_:)``. This is
    /// the first write of every create (Docs/storage.md). New keys are not cached: bulk loads
    /// would only churn the cache, and the first read unwraps the key once.
    func store(_ keys: [(subjectID: String, key: DataKey, wrapped: WrappedDataKey)], now: Int64) async throws {
        let confirmedSubjects = confirmed.withLockedValue { subjects in
            defer { subjects.removeAll() }
            return subjects
        }
        try await database.write { db in
            try db.execute(forEachChunkOf: confirmedSubjects) { "DELETE FROM pending_keys WHERE subject_id IN \($0)" }
            for entry in keys {
                try db.cachedStatement(sql: "INSERT INTO subject_keys (subject_id, wrapped_key, created_at) VALUES (?, ?, ?)")
                    .execute(arguments: [entry.subjectID, Data(entry.wrapped.bytes), now])
                try db.cachedStatement(sql: "INSERT INTO pending_keys (subject_id, created_at) VALUES (?, ?)")
                    .execute(arguments: [entry.subjectID, now])
            }
        }
    }

    /// Records that the rows of `subjectIDs` are committed, so their keys are no longer pending.
    func confirm(_ subjectIDs: [String]) {
        confirmed.withLockedValue { $0 += subjectIDs }
    }

    /// Pending keys older than `cutoff`: written before a crash that may have lost their rows.
    func pendingSubjects(olderThan cutoff: Int64) async throws -> [String] {
        try await database.read { db in
            try String.fetchAll(db, sql: "SELECT subject_id FROM pending_keys WHERE created_at < ?", arguments: [cutoff])
        }
    }

    /// Forgets the pending mark of subjects whose rows exist.
    func clearPending(_ subjectIDs: [String]) async throws {
        try await database.write { db in
            try db.execute(forEachChunkOf: subjectIDs) { "DELETE FROM pending_keys WHERE subject_id IN \($0)" }
        }
    }

    /// The data key of `subjectID`, or nil when the subject has none (never had, or erased).
    func key(for subjectID: String) async throws -> DataKey? {
        try await keys(for: [subjectID])[subjectID]
    }

    /// The data keys of the subjects that have one.
    func keys(for subjectIDs: [String]) async throws -> [String: DataKey] {
        var found: [String: DataKey] = [:]
        var missing: [String] = []
        for subjectID in subjectIDs {
            if let key = cache.key(for: subjectID) { found[subjectID] = key } else { missing.append(subjectID) }
        }
        guard !missing.isEmpty else { return found }
        let rows = try readers.read { db in
            try db.fetchRows(forEachChunkOf: missing) { "SELECT subject_id, wrapped_key FROM subject_keys WHERE subject_id IN \($0)" }
                .map { ($0["subject_id"] as String, $0["wrapped_key"] as Data) }
        }
        for (subjectID, wrappedBytes) in rows {
            let key = try keyring.unwrap(WrappedDataKey(bytes: Array(wrappedBytes)), subjectID: subjectID)
            cache.insert(key, for: subjectID)
            found[subjectID] = key
        }
        return found
    }

    /// Deletes the wrapped keys of `subjectIDs` and forgets any cached copy: from the commit on,
    /// their data cannot be opened by anyone (crypto-shredding).
    func destroy(_ subjectIDs: [String]) async throws {
        guard !subjectIDs.isEmpty else { return }
        try await database.write { db in
            try db.execute(forEachChunkOf: subjectIDs) { "DELETE FROM subject_keys WHERE subject_id IN \($0)" }
            try db.execute(forEachChunkOf: subjectIDs) { "DELETE FROM pending_keys WHERE subject_id IN \($0)" }
        }
        for subjectID in subjectIDs { cache.remove(subjectID) }
    }

    /// Re-wraps every key under the current master-key version; returns how many changed.
    func rewrapAll() async throws -> Int {
        try await database.write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT subject_id, wrapped_key FROM subject_keys")
            var changed = 0
            for row in rows {
                let subjectID: String = row["subject_id"]
                let wrapped = try WrappedDataKey(bytes: Array(row["wrapped_key"] as Data))
                let rewrapped = try self.keyring.rewrap(wrapped, subjectID: subjectID)
                guard rewrapped != wrapped else { continue }
                try db.execute(sql: "UPDATE subject_keys SET wrapped_key = ? WHERE subject_id = ?",
                               arguments: [Data(rewrapped.bytes), subjectID])
                changed += 1
            }
            return changed
        }
    }

    /// Writes a consistent copy of the key store to `url`, for a backup.
    func snapshot(to url: URL) async throws {
        try await DatabaseFiles.snapshot(database, to: url)
    }

    /// Empties the keys file's write-ahead log after keys were destroyed (see ``DatabaseFiles``).
    func purgeResidue() async throws {
        try await DatabaseFiles.checkpointAndTruncate(database)
    }
}
