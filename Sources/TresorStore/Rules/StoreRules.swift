import Foundation
import TresorCrypto
import TresorModel

/// The rules of writing across the data and the keys, written once for every backend
/// (Docs/storage.md, Docs/erasure.md):
///
/// - a create writes the subject's key first (pending), then the rows; a key whose rows were
///   refused is destroyed, the others confirmed;
/// - an erasure records its intent beside the rows in its first unit of work (with the log entry,
///   the event, the ledger entry and the certificate, which the adapter writes), then destroys the
///   keys, then deletes the rows: no row is ever left whose key is gone while its erasure is not
///   recorded, and no key outlives an erasure once it is recorded;
/// - recovery at open finishes every recorded erasure and destroys pending keys old enough that no
///   create can still be writing their rows, when those rows do not exist.
public enum StoreRules {
    /// Pending keys younger than this are left alone by recovery: another process may be between
    /// writing a key and writing its rows.
    public static let pendingKeyGracePeriod: Int64 = 600

    /// Creates subjects in the write order: keys first (pending), then `writeRows`, which commits
    /// the rows in one unit of work and returns the subject ids it refused. Refused subjects' keys
    /// are destroyed, the others confirmed. If `writeRows` throws, every key written here is
    /// destroyed and the error rethrown.
    public static func create(_ keys: [(subjectID: String, key: DataKey, wrapped: WrappedDataKey)], now: Int64,
                              in keyStorage: some SubjectKeyStorage,
                              writingRows writeRows: () async throws -> Set<String>) async throws -> Set<String> {
        try await keyStorage.store(keys, now: now)
        let refused: Set<String>
        do {
            refused = try await writeRows()
        } catch {
            try? await keyStorage.destroy(keys.map(\.subjectID))
            throw error
        }
        try await keyStorage.destroy(keys.map(\.subjectID).filter { refused.contains($0) })
        keyStorage.confirm(keys.map(\.subjectID).filter { !refused.contains($0) })
        return refused
    }

    /// Finishes erasures whose intent is recorded: destroys the keys, then deletes the rows and the
    /// intents, then removes what the backend keeps of both.
    public static func finishErasures(_ subjectIDs: [String], kind: ErasureKind,
                                      keys: some SubjectKeyStorage, rows: some ErasedRowStorage) async throws {
        guard !subjectIDs.isEmpty else { return }
        try await keys.destroy(subjectIDs)
        try await rows.deleteErasedRows(subjectIDs, kind: kind)
        try await rows.purgeResidue()
        try await keys.purgeResidue()
    }

    /// Finishes what a crash interrupted: every recorded erasure, and creates whose keys were
    /// written more than ``pendingKeyGracePeriod`` seconds before `now` (kept when their rows exist,
    /// destroyed when they do not).
    public static func recover(now: Int64, keys: some SubjectKeyStorage, rows: some ErasedRowStorage) async throws {
        let pendingErasures = try await rows.pendingErasures()
        for kind in ErasureKind.allCases {
            try await finishErasures(pendingErasures[kind] ?? [], kind: kind, keys: keys, rows: rows)
        }
        let pendingKeys = try await keys.pendingSubjects(olderThan: now - pendingKeyGracePeriod)
        guard !pendingKeys.isEmpty else { return }
        let withRows = try await rows.subjectsWithRows(among: pendingKeys)
        try await keys.clearPending(pendingKeys.filter { withRows.contains($0) })
        try await keys.destroy(pendingKeys.filter { !withRows.contains($0) })
    }
}

/// Erasure with legal holds, in the order every backend keeps.
extension StoreRules {
    /// The keys retained copies need: the customers' own (to read what is retained), and one per
    /// hold. A hold whose key already exists (an attempt that crashed before its unit of work, or
    /// one running beside this one) keeps that key, so whichever attempt commits seals with the key
    /// that stays. New hold keys are written now, pending, before anything else of the erasure.
    public static func prepareRetention(for holds: [LegalHold], now: Int64, keys: some SubjectKeyStorage) async throws -> RetentionKeys {
        guard !holds.isEmpty else { return .none }
        let existing = try await keys.keys(for: holds.map { LegalHold.keyID(of: $0.id) })
        var holdKeys: [UUID: DataKey] = [:]
        var toStore: [(subjectID: String, key: DataKey, wrapped: WrappedDataKey)] = []
        for hold in holds {
            let keyID = LegalHold.keyID(of: hold.id)
            if let key = existing[keyID] {
                holdKeys[hold.id] = key
                continue
            }
            let made = try keys.makeKey(for: keyID)
            holdKeys[hold.id] = made.key
            toStore.append((keyID, made.key, made.wrapped))
        }
        if !toStore.isEmpty { try await keys.store(toStore, now: now) }
        let customerKeys = try await keys.keys(for: Array(Set(holds.map { $0.customerID.lowercaseText })))
        return RetentionKeys(holdKeys: holdKeys, customerKeys: customerKeys)
    }

    /// Erases: `recordIntent` commits, in one unit of work, the intent beside the rows with the
    /// log entry, the events, the retained copies (sealed under `retention`'s hold keys), the
    /// ledger entries and the certificates, and returns what it erased by kind; then the hold keys
    /// are confirmed, `afterCommit` runs (the ledger file, for SQLite), and the erasures are
    /// finished: keys destroyed, rows deleted. Returns what was erased.
    @discardableResult
    public static func erase(retention: RetentionKeys, keys: some SubjectKeyStorage, rows: some ErasedRowStorage,
                             recordIntent: () async throws -> [ErasureKind: [String]],
                             afterCommit: () async throws -> Void) async throws -> [ErasureKind: [String]] {
        let erased = try await recordIntent()
        keys.confirm(retention.holdKeys.keys.map(LegalHold.keyID(of:)))
        try await afterCommit()
        for kind in ErasureKind.allCases {
            try await finishErasures(erased[kind] ?? [], kind: kind, keys: keys, rows: rows)
        }
        return erased
    }
}

/// The keys an erasure with legal holds seals retained copies with and reads them from.
public struct RetentionKeys: Sendable {
    /// One key per hold, by hold id.
    public var holdKeys: [UUID: DataKey]
    /// The erased customers' own keys, by subject id.
    public var customerKeys: [String: DataKey]

    /// No legal hold in force: nothing to retain.
    public static let none = RetentionKeys(holdKeys: [:], customerKeys: [:])

    public init(holdKeys: [UUID: DataKey], customerKeys: [String: DataKey]) {
        self.holdKeys = holdKeys
        self.customerKeys = customerKeys
    }
}
