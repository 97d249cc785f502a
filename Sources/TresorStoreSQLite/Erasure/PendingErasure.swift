import GRDB
import TresorStore

/// The intent of an erasure, recorded beside the rows in its first transaction and removed when
/// it is finished (key destroyed, rows deleted): what recovery completes after a crash
/// (Docs/storage.md). Subjects with a pending erasure count as gone for new writes.
enum PendingErasure {
    /// Records the intent for `subjectIDs` inside the erasure's transaction.
    static func record(_ subjectIDs: [String], kind: ErasureKind, in db: Database) throws {
        let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO pending_erasures (subject_id, kind) VALUES (?, ?)")
        for subjectID in subjectIDs { try insert.execute(arguments: [subjectID, kind.rawValue]) }
    }

    /// Removes the intent once the erasure is finished.
    static func clear(_ subjectIDs: [String], in db: Database) throws {
        try db.execute(forEachChunkOf: subjectIDs) { "DELETE FROM pending_erasures WHERE subject_id IN \($0)" }
    }

    /// Every pending erasure, by kind.
    static func all(in db: Database) throws -> [ErasureKind: [String]] {
        var pending: [ErasureKind: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT subject_id AS id, kind FROM pending_erasures") {
            let stored = StoredRow(row, table: "pending_erasures")
            pending[try stored.enumeration("kind", as: ErasureKind.self), default: []].append(try stored.value("id"))
        }
        return pending
    }

    /// Whether the customer's rows exist and no erasure of it has begun.
    static func isLiveCustomer(_ subjectID: String, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM customers WHERE id = ?) AND NOT EXISTS (SELECT 1 FROM pending_erasures WHERE subject_id = ?)
            """, arguments: [subjectID, subjectID]) ?? false
    }
}
