import Foundation
import GRDB
import TresorStore

/// The SQLite side of erasure and recovery (``ErasedRowStorage``): intents in `pending_erasures`,
/// rows in `tresor.sqlite`, freed pages zeroed (`secure_delete`) and the write-ahead log emptied.
struct SQLiteErasedRows: ErasedRowStorage {
    let data: SQLiteDatabase

    func pendingErasures() async throws -> [ErasureKind: [String]] {
        try await data.read { db in try PendingErasure.all(in: db) }
    }

    func deleteErasedRows(_ subjectIDs: [String], kind: ErasureKind) async throws {
        try await data.write { db in
            switch kind {
            case .customer: try db.execute(forEachChunkOf: subjectIDs) { "DELETE FROM customers WHERE id IN \($0)" }
            case .teammate: try db.execute(forEachChunkOf: subjectIDs) { "DELETE FROM teammates WHERE id IN \($0)" }
            case .hold: break
            }
            try SQLiteIdempotencyStore.forget(subjectIDs, in: db)
            try PendingErasure.clear(subjectIDs, in: db)
        }
    }

    func subjectsWithRows(among subjectIDs: [String]) async throws -> Set<String> {
        try await data.read { db in
            let holds = try db.fetchRows(forEachChunkOf: subjectIDs) {
                "SELECT 'hold:' || id AS id FROM legal_holds WHERE status = 'retained' AND 'hold:' || id IN \($0)"
            }
            return try db.existingIDs(subjectIDs, in: "customers").union(db.existingIDs(subjectIDs, in: "teammates"))
                .union(holds.map { try StoredRow($0, table: "legal_holds").value("id", as: String.self) })
        }
    }

    /// `secure_delete` zeroed the freed pages in the database file; the write-ahead log still
    /// holds the pages as they were until a checkpoint copies them back and truncates it.
    func purgeResidue() async throws {
        try await DatabaseFiles.checkpointAndTruncate(data)
    }
}
