import Foundation
import GRDB
import TresorModel
import TresorStore

extension SQLiteCustomerStore {
    public func createMailingList(name: String) async throws -> MailingList {
        let name = try validatedText(name, field: "name", maximumLength: 200)
        let list = MailingList(id: UUID(), name: name, createdAt: clock())
        try await data.write { db in
            try db.execute(sql: "INSERT INTO mailing_lists (id, name, created_at) VALUES (?, ?, ?)",
                           arguments: [list.id.lowercasedString, list.name, list.createdAt])
        }
        return list
    }

    public func mailingList(id: UUID) async throws -> MailingList {
        let list = try await data.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM mailing_lists WHERE id = ?", arguments: [id.lowercasedString]).map(Self.mailingList(from:))
        }
        guard let list else { throw StoreError.notFound(resource: "mailing list", id: id.lowercasedString) }
        return list
    }

    public func mailingLists() async throws -> [MailingList] {
        try await data.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM mailing_lists ORDER BY created_at, id").map(Self.mailingList(from:))
        }
    }

    public func deleteMailingList(id: UUID) async throws {
        let deleted = try await data.write { db in
            try db.execute(sql: "DELETE FROM mailing_lists WHERE id = ?", arguments: [id.lowercasedString])
            return db.changesCount > 0
        }
        guard deleted else { throw StoreError.notFound(resource: "mailing list", id: id.lowercasedString) }
    }

    /// Adds the customers to the list in one transaction; those already on it are `unchanged`.
    public func addToMailingList(listID: UUID, customerIDs: [UUID], recording record: AccessRecord) async throws -> [BulkItemOutcome] {
        let now = clock()
        return try await changeMembers(listID: listID, customerIDs: customerIDs, recording: record) { db, customerID in
            try db.execute(sql: "INSERT OR IGNORE INTO mailing_list_members (list_id, customer_id, added_at) VALUES (?, ?, ?)",
                           arguments: [listID.lowercasedString, customerID, now])
        }
    }

    /// Removes the customers from the list in one transaction; those not on it are `unchanged`.
    public func removeFromMailingList(listID: UUID, customerIDs: [UUID], recording record: AccessRecord) async throws -> [BulkItemOutcome] {
        try await changeMembers(listID: listID, customerIDs: customerIDs, recording: record) { db, customerID in
            try db.execute(sql: "DELETE FROM mailing_list_members WHERE list_id = ? AND customer_id = ?",
                           arguments: [listID.lowercasedString, customerID])
        }
    }

    private func changeMembers(
        listID: UUID, customerIDs: [UUID], recording record: AccessRecord, _ change: @escaping @Sendable (Database, String) throws -> Void
    ) async throws -> [BulkItemOutcome] {
        let dataKeys = try await keys.keys(for: customerIDs.map(\.lowercasedString))
        return try await data.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM mailing_lists WHERE id = ?", arguments: [listID.lowercasedString]) != nil else {
                throw StoreError.notFound(resource: "mailing list", id: listID.lowercasedString)
            }
            let existing = try db.existingIDs(customerIDs.map(\.lowercasedString), in: "customers")
            let outcomes = try customerIDs.map { customerID in
                let subjectID = customerID.lowercasedString
                guard existing.contains(subjectID) else { return BulkItemOutcome(customerID: customerID, status: .notFound) }
                try change(db, subjectID)
                return BulkItemOutcome(customerID: customerID, status: db.changesCount > 0 ? .done : .unchanged)
            }
            let changed = outcomes.filter { $0.status == .done }.map(\.customerID)
            try self.accessLog.append(record.with(subjects: changed), in: db)
            try self.outbox.enqueueUpdates(changed.map(\.lowercasedString), changedFields: ["mailing_lists"], keys: dataKeys, in: db)
            return outcomes
        }
    }

    private static func mailingList(from row: Row) throws -> MailingList {
        let stored = StoredRow(row, table: "mailing_lists")
        return MailingList(id: try stored.uuid("id"), name: try stored.value("name"), createdAt: try stored.value("created_at"))
    }

    func validatedText(_ text: String, field: String, maximumLength: Int) throws -> String {
        do { return try FieldRules.requiredText(text, field: field, maximumLength: maximumLength) } catch let error as FieldError {
            throw StoreError.invalidField(error)
        }
    }
}
