import Foundation
import GRDB
import TresorModel
import TresorStore

extension SQLiteCustomerStore {
    /// Most addresses one customer may have.
    public static let maximumAddressesPerCustomer = 20

    public func addAddress(to customerID: UUID, kind: AddressKind, draft: AddressDraft, recording record: AccessRecord) async throws -> Customer {
        let subjectID = customerID.lowercasedString
        guard let key = try await keys.key(for: subjectID) else { throw StoreError.notFound(resource: "customer", id: subjectID) }
        let address = try validated(draft, kind: kind, id: UUID())
        let now = clock()
        try await data.write { db in
            guard let count = try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM addresses WHERE customer_id = ?) FROM customers WHERE id = ?",
                                               arguments: [subjectID, subjectID]) else {
                throw StoreError.notFound(resource: "customer", id: subjectID)
            }
            guard count < Self.maximumAddressesPerCustomer else {
                throw StoreError.invalidField(FieldError(field: "address", reason: "a customer may have at most \(Self.maximumAddressesPerCustomer) addresses"))
            }
            let position = try Int.fetchOne(db, sql: "SELECT coalesce(max(position) + 1, 0) FROM addresses WHERE customer_id = ? AND kind = ?",
                                            arguments: [subjectID, kind.rawValue]) ?? 0
            try RecordCodec.insertAddress(address, customerID: customerID, position: position, key: key, into: db)
            try db.execute(sql: "UPDATE customers SET updated_at = ? WHERE id = ?", arguments: [now, subjectID])
            try self.accessLog.append(record.with(subjects: [customerID]), in: db)
            try self.outbox.enqueueUpdates([subjectID], changedFields: ["\(kind.rawValue)_addresses"], keys: [subjectID: key], in: db)
        }
        return try await customer(id: customerID)
    }

    /// Replaces every field of the address; its id, kind and position stay.
    public func updateAddress(id: UUID, draft: AddressDraft, recording record: AccessRecord) async throws -> Customer {
        let (customerID, kind, position) = try await owner(ofAddress: id)
        guard let key = try await keys.key(for: customerID.lowercasedString) else {
            throw StoreError.notFound(resource: "address", id: id.lowercasedString)
        }
        let address = try validated(draft, kind: kind, id: id)
        let now = clock()
        try await data.write { db in
            try db.execute(sql: "DELETE FROM addresses WHERE id = ?", arguments: [id.lowercasedString])
            try RecordCodec.insertAddress(address, customerID: customerID, position: position, key: key, into: db)
            try db.execute(sql: "UPDATE customers SET updated_at = ? WHERE id = ?", arguments: [now, customerID.lowercasedString])
            try self.accessLog.append(record.with(subjects: [customerID]), in: db)
            try self.outbox.enqueueUpdates([customerID.lowercasedString], changedFields: ["\(kind.rawValue)_addresses"],
                                    keys: [customerID.lowercasedString: key], in: db)
        }
        return try await customer(id: customerID)
    }

    public func deleteAddress(id: UUID, recording record: AccessRecord) async throws -> Customer {
        let (customerID, kind, _) = try await owner(ofAddress: id)
        let subjectID = customerID.lowercasedString
        guard let key = try await keys.key(for: subjectID) else { throw StoreError.notFound(resource: "address", id: id.lowercasedString) }
        let now = clock()
        try await data.write { db in
            try db.execute(sql: "DELETE FROM addresses WHERE id = ?", arguments: [id.lowercasedString])
            try db.execute(sql: "UPDATE customers SET updated_at = ? WHERE id = ?", arguments: [now, subjectID])
            try self.accessLog.append(record.with(subjects: [customerID]), in: db)
            try self.outbox.enqueueUpdates([subjectID], changedFields: ["\(kind.rawValue)_addresses"], keys: [subjectID: key], in: db)
        }
        return try await customer(id: customerID)
    }

    public func customerID(ofAddress id: UUID) async throws -> UUID {
        try await owner(ofAddress: id).customerID
    }

    private func owner(ofAddress id: UUID) async throws -> (customerID: UUID, kind: AddressKind, position: Int) {
        let row = try await data.read { db in
            try Row.fetchOne(db, sql: "SELECT id, customer_id, kind, position FROM addresses WHERE id = ?", arguments: [id.lowercasedString])
                .map { row -> (UUID, AddressKind, Int) in
                    let stored = StoredRow(row, table: "addresses")
                    return (try stored.uuid("customer_id"), try stored.enumeration("kind"), try stored.value("position"))
                }
        }
        guard let row else { throw StoreError.notFound(resource: "address", id: id.lowercasedString) }
        return row
    }

    private func validated(_ draft: AddressDraft, kind: AddressKind, id: UUID) throws -> Address {
        do { return try draft.validated(kind: kind, id: id) } catch let error as FieldError { throw StoreError.invalidField(error) }
    }
}
