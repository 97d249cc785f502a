import Foundation

/// What an erasure removes besides keys.
public enum ErasureKind: String, CaseIterable, Sendable {
    /// A customer: key and rows.
    case customer
    /// A teammate: key and row.
    case teammate
    /// A legal hold's retained copy, whose row is already cleared: only its key (`hold:<id>`).
    case hold
}

/// The data side of erasure and recovery: the intents recorded beside the rows in an erasure's
/// first unit of work, and the rows themselves. ``StoreRules`` decides the order.
public protocol ErasedRowStorage: Sendable {
    /// Every erasure whose intent is recorded and not finished, by kind.
    func pendingErasures() async throws -> [ErasureKind: [String]]
    /// Deletes the subjects' rows of `kind`, the records naming them (remembered responses), and
    /// their intents, in one unit of work.
    func deleteErasedRows(_ subjectIDs: [String], kind: ErasureKind) async throws
    /// Of `subjectIDs` (subject ids and hold key ids), those whose rows exist: customers,
    /// teammates, retained copies of holds.
    func subjectsWithRows(among subjectIDs: [String]) async throws -> Set<String>
    /// Removes what the backend keeps of deleted rows beyond the rows (SQLite: freed pages in its
    /// write-ahead log).
    func purgeResidue() async throws
}
