import Foundation
import GRDB
import TresorCrypto
import TresorModel
import TresorStore

/// Rebuilding the email blind index when its normalisation changes (version 2: NFKC, IDNA,
/// unneeded quotes; Docs/crypto.md). Runs once at open; a store written by an older Tresor has
/// every customer's email opened and indexed anew in one transaction.
extension SQLiteCustomerStore {
    /// The normalisation the stored email indexes were computed with.
    static let emailIndexNormalization = "2"

    /// Rebuilds every email index unless `tresor_meta` says they are current. Two customers whose
    /// addresses are equal under the new normalisation cannot share an index (it is unique): the
    /// one whose index does not change keeps the address (lookups find what they found before),
    /// else the earlier one; the other keeps its old index, so no data is lost and both stay
    /// reachable by id, and its id is recorded for ``emailIndexConflicts()``.
    func rebuildEmailIndexesIfNeeded() async throws {
        let current = try await data.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM tresor_meta WHERE key = 'email_index_normalization'")
        }
        guard current != Self.emailIndexNormalization else { return }
        let ids = try await data.read { db in try String.fetchAll(db, sql: "SELECT id FROM customers ORDER BY created_at, id") }
        let keys = try await self.keys.keys(for: ids)
        try await data.write { db in
            // Every row's old and new index, in the order customers were created.
            var rows: [(id: String, old: Data, new: Data)] = []
            for row in try db.fetchRows(forEachChunkOf: ids, { "SELECT id, email, email_index FROM customers WHERE id IN \($0)" }) {
                let id: String = row["id"]
                guard let key = keys[id] else { continue }  // being erased: its rows go at recovery
                let email = try RecordCodec.open(row, column: "email", table: "customers", rowID: id, key: key) ?? ""
                rows.append((id, row["email_index"], Data(try self.emailIndex.index(ofEmail: email))))
            }
            let order = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
            rows.sort { order[$0.id, default: 0] < order[$1.id, default: 0] }
            // Rows whose index stays the same hold it already; the others take theirs if it is free.
            var taken = Set(rows.filter { $0.old == $0.new }.map(\.new))
            var conflicts: [String] = []
            var updates: [(id: String, index: Data)] = []
            for row in rows where row.old != row.new {
                if taken.insert(row.new).inserted {
                    updates.append((row.id, row.new))
                } else {
                    conflicts.append(row.id)
                }
            }
            // Two passes, so that no row takes an index another row still holds under the old rule.
            for (number, update) in updates.enumerated() {
                try db.execute(sql: "UPDATE customers SET email_index = ? WHERE id = ?", arguments: [Data("rebuild:\(number)".utf8), update.id])
            }
            for update in updates {
                try db.execute(sql: "UPDATE customers SET email_index = ? WHERE id = ?", arguments: [update.index, update.id])
            }
            try db.execute(sql: "INSERT OR REPLACE INTO tresor_meta (key, value) VALUES ('email_index_normalization', ?)",
                           arguments: [Self.emailIndexNormalization])
            try db.execute(sql: "INSERT OR REPLACE INTO tresor_meta (key, value) VALUES ('email_index_conflicts', ?)",
                           arguments: [conflicts.joined(separator: ",")])
        }
    }

    /// Customers whose address equals an earlier customer's under the current normalisation, found
    /// when the indexes were rebuilt: each keeps its old index until an operator changes or merges it.
    public func emailIndexConflicts() async throws -> [UUID] {
        let text = try await data.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM tresor_meta WHERE key = 'email_index_conflicts'")
        }
        return try (text ?? "").split(separator: ",").map {
            guard let id = UUID(uuidString: String($0)) else { throw StoreError.unreadableValue(table: "tresor_meta", column: "value", row: "email_index_conflicts") }
            return id
        }
    }
}
