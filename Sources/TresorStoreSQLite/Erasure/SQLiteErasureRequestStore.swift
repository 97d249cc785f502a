import Foundation
import GRDB
import TresorCrypto
import TresorModel
import TresorStore

/// Erasure requests. The service decides the transitions (Docs/erasure.md); this stores them.
public struct SQLiteErasureRequestStore: ErasureRequestStore {
    let database: SQLiteDatabase
    let keys: SubjectKeyStore
    let clock: @Sendable () -> Int64

    /// Records a request for an existing customer; `note` is sealed under the customer's key.
    public func create(customerID: UUID, receivedOn: CalendarDay, channel: String, note: String?) async throws -> ErasureRequest {
        let subjectID = customerID.lowercasedString
        guard let key = try await keys.keys(for: [subjectID])[subjectID] else { throw StoreError.notFound(resource: "customer", id: subjectID) }
        let request = ErasureRequest(id: UUID(), customerID: customerID, receivedOn: receivedOn, channel: channel, createdAt: clock())
        let sealedNote = try RecordCodec.seal(note, table: "erasure_requests", column: "note", rowID: request.id.lowercasedString, key: key)
        try await database.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM customers WHERE id = ?)", arguments: [subjectID]) == true else {
                throw StoreError.notFound(resource: "customer", id: subjectID)
            }
            try db.execute(sql: """
                INSERT INTO erasure_requests (id, customer_id, received_on, channel, note, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [request.id.lowercasedString, subjectID, receivedOn.description, channel, sealedNote, request.status.rawValue,
                                 request.createdAt])
        }
        return request
    }

    public func request(id: UUID) async throws -> ErasureRequest {
        let request = try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM erasure_requests WHERE id = ?", arguments: [id.lowercasedString]).map(Self.request(from:))
        }
        guard let request else { throw StoreError.notFound(resource: "erasure request", id: id.lowercasedString) }
        return request
    }

    /// Requests oldest first by receipt, optionally of one status.
    public func requests(status: ErasureRequest.Status?) async throws -> [ErasureRequest] {
        try await database.read { db in
            if let status {
                return try Row.fetchAll(db, sql: "SELECT * FROM erasure_requests WHERE status = ? ORDER BY received_on, created_at",
                                        arguments: [status.rawValue]).map(Self.request(from:))
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM erasure_requests ORDER BY received_on, created_at").map(Self.request(from:))
        }
    }

    /// Stores a decision: status, extension, identity check, rejection and times. Fails when the
    /// stored status is no longer `expected` (two decisions at once).
    public func update(_ request: ErasureRequest, expecting expected: ErasureRequest.Status) async throws {
        let changed = try await database.write { db -> Bool in
            try db.execute(sql: """
                UPDATE erasure_requests SET status = ?, extension_months = ?, extension_reason = ?, identity_verified_by = ?,
                    identity_verification = ?, rejection = ?, decided_at = ?, executed_at = ?
                WHERE id = ? AND status = ?
                """, arguments: [request.status.rawValue, request.extensionMonths, request.extensionReason, request.identityVerifiedBy,
                                 request.identityVerification, request.rejection?.rawValue, request.decidedAt, request.executedAt,
                                 request.id.lowercasedString, expected.rawValue])
            return db.changesCount > 0
        }
        guard changed else { throw StoreError.notFound(resource: "erasure request in status \(expected.rawValue)", id: request.id.lowercasedString) }
    }

    static func request(from row: Row) throws -> ErasureRequest {
        let stored = StoredRow(row, table: "erasure_requests")
        return ErasureRequest(id: try stored.uuid("id"), customerID: try stored.uuid("customer_id"),
                              receivedOn: try stored.parsed("received_on", CalendarDay.init),
                              channel: try stored.value("channel"), status: try stored.enumeration("status"),
                              extensionMonths: try stored.value("extension_months"), extensionReason: try stored.optional("extension_reason"),
                              identityVerifiedBy: try stored.optional("identity_verified_by"),
                              identityVerification: try stored.optional("identity_verification"),
                              rejection: try stored.optionalParsed("rejection", ErasureRejection.init(rawValue:)), createdAt: try stored.value("created_at"),
                              decidedAt: try stored.optional("decided_at"), executedAt: try stored.optional("executed_at"))
    }
}
