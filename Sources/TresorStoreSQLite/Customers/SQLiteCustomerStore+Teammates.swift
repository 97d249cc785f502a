import Foundation
import GRDB
import TresorCrypto
import TresorModel
import TresorStore

extension SQLiteCustomerStore {
    public func createTeammate(_ draft: TeammateDraft, recording record: AccessRecord) async throws -> Teammate {
        let teammate: Teammate
        do { teammate = try draft.validated(id: UUID(), now: clock()) } catch let error as FieldError { throw StoreError.invalidField(error) }
        let subjectID = teammate.id.lowercasedString
        let (key, wrapped) = try keys.makeKey(for: subjectID)
        // Key first, then the row (StoreRules).
        _ = try await StoreRules.create([(subjectID, key, wrapped)], now: teammate.createdAt, in: keys) {
            try await data.write { db in
                try db.execute(sql: "INSERT INTO teammates (id, name, last_name, email, role, country, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                               arguments: StatementArguments([subjectID] + (try Self.sealedColumns(teammate, key: key)) + [teammate.createdAt]))
                try self.accessLog.append(record.with(subjects: [teammate.id]), in: db)
            }
            return []
        }
        return teammate
    }

    public func updateTeammate(id: UUID, with draft: TeammateDraft, recording record: AccessRecord) async throws -> Teammate {
        let current = try await teammate(id: id)
        let updated: Teammate
        do { updated = try draft.applied(to: current) } catch let error as FieldError { throw StoreError.invalidField(error) }
        let subjectID = id.lowercasedString
        guard let key = try await keys.keys(for: [subjectID])[subjectID] else { throw StoreError.notFound(resource: "teammate", id: subjectID) }
        try await data.write { db in
            try db.execute(sql: "UPDATE teammates SET name = ?, last_name = ?, email = ?, role = ?, country = ? WHERE id = ?",
                           arguments: StatementArguments(try Self.sealedColumns(updated, key: key) + [subjectID]))
            guard db.changesCount == 1 else { throw StoreError.notFound(resource: "teammate", id: subjectID) }
            try self.accessLog.append(record.with(subjects: [id]), in: db)
        }
        return updated
    }

    /// Name, last name and email sealed under the teammate's key, then role and country in clear.
    private static func sealedColumns(_ teammate: Teammate, key: DataKey) throws -> [(any DatabaseValueConvertible)?] {
        let subjectID = teammate.id.lowercasedString
        return [
            try RecordCodec.seal(teammate.name, table: "teammates", column: "name", rowID: subjectID, key: key),
            try teammate.lastName.map { try RecordCodec.seal($0, table: "teammates", column: "last_name", rowID: subjectID, key: key) },
            try RecordCodec.seal(teammate.email, table: "teammates", column: "email", rowID: subjectID, key: key),
            teammate.role, teammate.country?.code,
        ]
    }

    public func teammate(id: UUID) async throws -> Teammate {
        guard let teammate = try await teammates(ids: [id.lowercasedString]).first else {
            throw StoreError.notFound(resource: "teammate", id: id.lowercasedString)
        }
        return teammate
    }

    public func teammates() async throws -> [Teammate] {
        let ids = try await data.read { db in try String.fetchAll(db, sql: "SELECT id FROM teammates ORDER BY created_at, id") }
        return try await teammates(ids: ids)
    }

    private func teammates(ids: [String]) async throws -> [Teammate] {
        let dataKeys = try await keys.keys(for: ids)
        return try await data.read { db in
            let rows = try db.fetchRows(forEachChunkOf: ids) { "SELECT * FROM teammates WHERE id IN \($0)" }
            var byID: [String: Teammate] = [:]
            for row in rows {
                let stored = StoredRow(row, table: "teammates")
                let id: String = try stored.value("id")
                guard let key = dataKeys[id] else { continue }
                byID[id] = Teammate(
                    id: try stored.uuid("id"),
                    name: try RecordCodec.open(row, column: "name", table: "teammates", rowID: id, key: key) ?? "",
                    lastName: try RecordCodec.open(row, column: "last_name", table: "teammates", rowID: id, key: key),
                    email: try RecordCodec.open(row, column: "email", table: "teammates", rowID: id, key: key) ?? "",
                    role: try stored.optional("role"), country: try stored.optionalParsed("country", CountryCode.init),
                    createdAt: try stored.value("created_at"))
            }
            return ids.compactMap { byID[$0] }
        }
    }

    /// Destroys the teammate's key and row; their customers become unassigned.
    public func deleteTeammate(id: UUID, recording record: AccessRecord) async throws {
        let subjectID = id.lowercasedString
        var exists = false
        try await StoreRules.erase(retention: .none, keys: keys, rows: erasedRows, recordIntent: {
            exists = try await data.write { db in
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM teammates WHERE id = ?", arguments: [subjectID]) != nil else { return false }
                try PendingErasure.record([subjectID], kind: .teammate, in: db)
                try self.accessLog.append(record.with(subjects: [id]), in: db)
                try self.ledger.append(.teammate, subjects: [(subjectID, nil)], time: self.clock() * 1000, in: db)
                return true
            }
            return exists ? [.teammate: [subjectID]] : [:]
        }, afterCommit: { try await ledger.syncFile() })
        guard exists else { throw StoreError.notFound(resource: "teammate", id: subjectID) }
    }

    public func assignTeammate(_ teammateID: UUID?, customerIDs: [UUID], recording record: AccessRecord) async throws -> [BulkItemOutcome] {
        let now = clock()
        let teammate = teammateID?.lowercasedString
        let dataKeys = try await keys.keys(for: customerIDs.map(\.lowercasedString))
        return try await data.write { db in
            if let teammate, try Bool.fetchOne(db, sql: "SELECT 1 FROM teammates WHERE id = ?", arguments: [teammate]) == nil {
                throw StoreError.notFound(resource: "teammate", id: teammate)
            }
            let existing = try db.existingIDs(customerIDs.map(\.lowercasedString), in: "customers")
            let outcomes = try customerIDs.map { customerID in
                let subjectID = customerID.lowercasedString
                guard existing.contains(subjectID) else { return BulkItemOutcome(customerID: customerID, status: .notFound) }
                try db.execute(sql: "UPDATE customers SET teammate_id = ?, updated_at = ? WHERE id = ? AND teammate_id IS NOT ?",
                               arguments: [teammate, now, subjectID, teammate])
                return BulkItemOutcome(customerID: customerID, status: db.changesCount > 0 ? .done : .unchanged)
            }
            let changed = outcomes.filter { $0.status == .done }.map(\.customerID)
            try self.accessLog.append(record.with(subjects: changed), in: db)
            try self.outbox.enqueueUpdates(changed.map(\.lowercasedString), changedFields: ["teammate_id"], keys: dataKeys, in: db)
            return outcomes
        }
    }
}
