import Foundation
import GRDB
import TresorModel
import TresorStore

extension SQLiteCustomerStore {
    public func changeAttributes(_ change: CustomerAttributeChange, customerIDs: [UUID], inCategory category: CustomerCategory?,
                                 recording record: AccessRecord) async throws -> [BulkItemOutcome] {
        let now = clock()
        let dataKeys = try await keys.keys(for: customerIDs.map(\.lowercasedString))
        return try await data.write { db in
            if case let .some(.some(teammate)) = change.teammateID,
               try Bool.fetchOne(db, sql: "SELECT 1 FROM teammates WHERE id = ?", arguments: [teammate.lowercasedString]) == nil {
                throw StoreError.notFound(resource: "teammate", id: teammate.lowercasedString)
            }
            let current = try Self.attributes(of: customerIDs.map(\.lowercasedString), in: db)
            var outcomes: [BulkItemOutcome] = []
            var changedIDs: [UUID] = []
            var idsByChangedFields: [[String]: [String]] = [:]
            for customerID in customerIDs {
                guard let attributes = current[customerID.lowercasedString], category == nil || attributes.category == category else {
                    outcomes.append(BulkItemOutcome(customerID: customerID, status: .notFound))
                    continue
                }
                let (updated, changed) = change.applied(to: attributes)
                guard !changed.isEmpty else {
                    outcomes.append(BulkItemOutcome(customerID: customerID, status: .unchanged))
                    continue
                }
                try db.execute(sql: """
                    UPDATE customers SET category = ?, priority = ?, lead_status = ?, teammate_id = ?, updated_at = ? WHERE id = ?
                    """, arguments: [updated.category.rawValue, updated.priority.rawValue, updated.leadStatus,
                                     updated.teammateID?.lowercasedString, now, customerID.lowercasedString])
                outcomes.append(BulkItemOutcome(customerID: customerID, status: .done))
                changedIDs.append(customerID)
                idsByChangedFields[changed, default: []].append(customerID.lowercasedString)
            }
            try self.accessLog.append(record.with(subjects: changedIDs), in: db)
            for (changedFields, subjectIDs) in idsByChangedFields.sorted(by: { $0.value[0] < $1.value[0] }) {
                try self.outbox.enqueueUpdates(subjectIDs, changedFields: changedFields, keys: dataKeys, in: db)
            }
            return outcomes
        }
    }

    /// The clear attributes of the customers among `subjectIDs` that exist, read strictly.
    private static func attributes(of subjectIDs: [String], in db: Database) throws -> [String: CustomerAttributes] {
        var attributes: [String: CustomerAttributes] = [:]
        for row in try db.fetchRows(forEachChunkOf: subjectIDs, {
            "SELECT id, category, priority, lead_status, teammate_id FROM customers WHERE id IN \($0)"
        }) {
            let stored = StoredRow(row, table: "customers")
            attributes[try stored.value("id")] = CustomerAttributes(
                category: try stored.enumeration("category"), priority: try stored.enumeration("priority"),
                leadStatus: try stored.optional("lead_status"), teammateID: try stored.optionalUUID("teammate_id"))
        }
        return attributes
    }
}
