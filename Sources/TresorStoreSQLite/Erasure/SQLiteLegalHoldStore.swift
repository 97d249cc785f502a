import Foundation
import GRDB
import TresorCrypto
import TresorModel
import TresorStore

/// Legal holds and the data they retain after an erasure (Docs/erasure.md). Erasing and ending
/// holds happen in ``SQLiteCustomerStore``, which owns the transactions they share with the rest
/// of an erasure.
public struct SQLiteLegalHoldStore: LegalHoldStore {
    let database: SQLiteDatabase
    let keys: SubjectKeyStore

    /// Records a hold on an existing customer.
    public func create(_ hold: LegalHold) async throws -> LegalHold {
        let subjectID = hold.customerID.lowercaseText
        try await database.write { db in
            guard try PendingErasure.isLiveCustomer(subjectID, in: db) else { throw StoreError.notFound(resource: "customer", id: subjectID) }
            try db.execute(sql: """
                INSERT INTO legal_holds (id, customer_id, category, legal_basis, purpose, until_day, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [hold.id.lowercaseText, subjectID, hold.category.rawValue, hold.legalBasis, hold.purpose, hold.until.description,
                                 hold.status.rawValue, hold.createdAt])
        }
        return hold
    }

    public func hold(id: UUID) async throws -> LegalHold {
        let hold = try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM legal_holds WHERE id = ?", arguments: [id.lowercaseText]).map(Self.hold(from:))
        }
        guard let hold else { throw StoreError.notFound(resource: "legal hold", id: id.lowercaseText) }
        return hold
    }

    /// Holds by creation, optionally of one customer and of one status.
    public func holds(customerID: UUID?, status: LegalHold.Status?) async throws -> [LegalHold] {
        try await database.read { db in
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let customerID { conditions.append("customer_id = ?"); arguments.append(customerID.lowercaseText) }
            if let status { conditions.append("status = ?"); arguments.append(status.rawValue) }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            return try Row.fetchAll(db, sql: "SELECT * FROM legal_holds \(filter) ORDER BY created_at, id", arguments: StatementArguments(arguments))
                .map(Self.hold(from:))
        }
    }

    /// The active holds of these customers still in force on `day`.
    func holdsInForce(customerIDs: [String], on day: CalendarDay) async throws -> [LegalHold] {
        try await database.read { db in
            try db.fetchRows(forEachChunkOf: customerIDs) { "SELECT * FROM legal_holds WHERE status = 'active' AND customer_id IN \($0)" }
                .map(Self.hold(from:)).filter { $0.isInForce(on: day) }
        }
    }

    /// Holds not yet ended whose last day is before `day`. Every hold not ended is read, so that
    /// one whose stored values do not decode stops the job (``StoreError/unreadableValue(table:column:row:)``)
    /// instead of being compared as text and erased, or skipped, by accident.
    func holdsExpired(before day: CalendarDay) async throws -> [LegalHold] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM legal_holds WHERE status != 'ended' ORDER BY id").map(Self.hold(from:))
        }
        .filter { $0.until < day }
        .sorted { ($0.until, $0.id.lowercaseText) < ($1.until, $1.id.lowercaseText) }
    }

    /// Re-seals each hold's category of its customer under the hold's own key, inside the
    /// erasure's transaction (the customer's rows are still there, its key still known).
    func retain(_ holds: [LegalHold], customerKeys: [String: DataKey], holdKeys: [UUID: DataKey], now: Int64, in db: Database) throws {
        guard !holds.isEmpty else { return }
        let customers = try SQLiteCustomerStore.decodeCustomers(Array(Set(holds.map { $0.customerID.lowercaseText })), keys: customerKeys, from: db)
        let byID = Dictionary(uniqueKeysWithValues: customers.map { ($0.id, $0) })
        for hold in holds {
            guard let customer = byID[hold.customerID], let key = holdKeys[hold.id] else { continue }
            let payload = String(decoding: JSONWriter.data(hold.category.values(of: customer)), as: UTF8.self)
            let sealed = try RecordCodec.seal(payload, table: "legal_holds", column: "retained", rowID: hold.id.lowercaseText, key: key)
            try db.execute(sql: "UPDATE legal_holds SET status = 'retained', retained = ?, retained_at = ? WHERE id = ? AND status = 'active'",
                           arguments: [sealed, now, hold.id.lowercaseText])
        }
    }

    /// Ends the holds among `holdIDs` not ended yet, inside the caller's transaction: a retained
    /// copy is dropped and its key marked for destruction. Returns the holds ended, as they were.
    func end(_ holdIDs: [String], now: Int64, in db: Database) throws -> [LegalHold] {
        let open = try db.fetchRows(forEachChunkOf: holdIDs) { "SELECT * FROM legal_holds WHERE status != 'ended' AND id IN \($0)" }
            .map(Self.hold(from:))
        let update = try db.cachedStatement(sql: "UPDATE legal_holds SET status = 'ended', retained = NULL, ended_at = ? WHERE id = ?")
        for hold in open { try update.execute(arguments: [now, hold.id.lowercaseText]) }
        try PendingErasure.record(open.filter { $0.status == .retained }.map { LegalHold.keyID(of: $0.id) }, kind: .hold, in: db)
        return open
    }

    /// The data a hold retains, as JSON in Tamio's shapes; not found unless the hold is `retained`.
    public func retainedData(holdID: UUID) async throws -> Data {
        let rowID = holdID.lowercaseText
        let sealed = try await database.read { db in
            try Data.fetchOne(db, sql: "SELECT retained FROM legal_holds WHERE id = ? AND status = 'retained'", arguments: [rowID])
        }
        guard let sealed, let key = try await keys.key(for: LegalHold.keyID(of: holdID)) else {
            throw StoreError.notFound(resource: "retained data of legal hold", id: rowID)
        }
        let text = try key.openString(Array(sealed), context: FieldContext(table: "legal_holds", column: "retained", rowID: rowID))
        return Data(text.utf8)
    }

    static func hold(from row: Row) throws -> LegalHold {
        let stored = StoredRow(row, table: "legal_holds")
        return LegalHold(id: try stored.uuid("id"), customerID: try stored.uuid("customer_id"),
                         category: try stored.enumeration("category"), legalBasis: try stored.value("legal_basis"), purpose: try stored.value("purpose"),
                         until: try stored.parsed("until_day", CalendarDay.init), status: try stored.enumeration("status"),
                         createdAt: try stored.value("created_at"), retainedAt: try stored.optional("retained_at"), endedAt: try stored.optional("ended_at"))
    }
}
