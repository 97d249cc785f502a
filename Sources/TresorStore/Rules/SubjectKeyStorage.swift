import Foundation
import TresorCrypto

/// The key side of a backend: one data key per data subject, wrapped by the master key, kept
/// apart from the data it opens. ``StoreRules`` decides when keys are written and destroyed.
public protocol SubjectKeyStorage: Sendable {
    /// A new data key for `subjectID` and its wrapped form; nothing is written yet.
    func makeKey(for subjectID: String) throws -> (key: DataKey, wrapped: WrappedDataKey)
    /// Writes wrapped keys together, each marked pending until ``confirm(_:)``.
    func store(_ keys: [(subjectID: String, key: DataKey, wrapped: WrappedDataKey)], now: Int64) async throws
    /// Records that the rows of `subjectIDs` are committed: their keys are no longer pending.
    func confirm(_ subjectIDs: [String])
    /// The data keys of the subjects that have one.
    func keys(for subjectIDs: [String]) async throws -> [String: DataKey]
    /// Deletes the wrapped keys (and any cached copy): from then on the data cannot be opened.
    func destroy(_ subjectIDs: [String]) async throws
    /// Pending keys written before `cutoff` (seconds): a crash may have lost their rows.
    func pendingSubjects(olderThan cutoff: Int64) async throws -> [String]
    /// Forgets the pending mark of subjects whose rows exist.
    func clearPending(_ subjectIDs: [String]) async throws
    /// Removes what the backend keeps of destroyed keys beyond their rows (SQLite: its write-ahead log).
    func purgeResidue() async throws
}
