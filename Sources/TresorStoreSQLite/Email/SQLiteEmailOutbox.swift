import Foundation
import GRDB
import TresorCrypto
import TresorModel
import TresorStore

/// The transactional outbox for emails: a queued email is written, sealed under the customer's
/// data key, in the same transaction as its access-log entry; the delivery worker takes it from
/// here until the relay accepts it, refuses it for good, or its attempts are used up.
public struct SQLiteEmailOutbox: EmailOutbox {
    let database: SQLiteDatabase
    let keys: SubjectKeyStore
    let accessLog: SQLiteAccessLog
    let clock: @Sendable () -> Int64

    // MARK: Queueing

    /// Seals and queues the drafts, with `record` (naming the customers queued for), in one
    /// transaction. A customer deleted meanwhile is skipped; returns the ids of the customers queued for.
    public func enqueue(_ drafts: [Draft], recording record: AccessRecord) async throws -> Set<UUID> {
        let subjectKeys = try await keys.keys(for: drafts.map(\.customerID.lowercasedString))
        let now = clock()
        return try await database.write { db in
            var queued: [UUID] = []
            let insert = try db.cachedStatement(sql: """
                INSERT INTO emails (id, customer_id, template_id, template_name, fields, recipient, message, relay, status, next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)
                """)
            for draft in drafts {
                let subjectID = draft.customerID.lowercasedString
                guard let key = subjectKeys[subjectID], try PendingErasure.isLiveCustomer(subjectID, in: db) else { continue }
                let recipient = try key.seal(draft.recipient, context: FieldContext(table: "emails", column: "recipient", rowID: draft.id))
                let message = try key.seal(draft.message, context: FieldContext(table: "emails", column: "message", rowID: draft.id))
                try insert.execute(arguments: [draft.id, subjectID, draft.template.id.lowercasedString, draft.template.name, draft.fields.joined(separator: ","), Data(recipient),
                                               Data(message), draft.relay, now, now])
                queued.append(draft.customerID)
            }
            try accessLog.append(record.with(subjects: queued), in: db)
            return Set(queued)
        }
    }

    /// Cancels the queued emails of customers being deleted, inside the deletion's transaction.
    func cancelQueued(for subjectIDs: [String], in db: Database) throws {
        try db.execute(forEachChunkOf: subjectIDs) {
            "UPDATE emails SET status = 'cancelled', message = NULL, next_attempt_at = NULL WHERE status = 'queued' AND customer_id IN \($0)"
        }
    }

    // MARK: Delivering

    /// Up to `limit` emails due now, oldest first. An email whose key is gone (its customer was
    /// erased) is cancelled instead.
    public func dueEmails(limit: Int) async throws -> [DueEmail] {
        let now = clock()
        let rows = try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM emails WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, seq LIMIT ?",
                             arguments: [now, limit]).map {
                    let stored = StoredRow($0, table: "emails")
                    return (try Self.email(from: $0), try stored.value("recipient", as: Data.self), try stored.optional("message", as: Data.self))
                }
        }
        let subjectKeys = try await keys.keys(for: rows.map(\.0.customerID.lowercasedString))
        var due: [DueEmail] = []
        var unreadable: [String] = []
        for (email, sealedRecipient, sealedMessage) in rows {
            guard let key = subjectKeys[email.customerID.lowercasedString], let sealedMessage,
                  let recipient = try? key.openString(Array(sealedRecipient), context: FieldContext(table: "emails", column: "recipient", rowID: email.id)),
                  let message = try? key.open(Array(sealedMessage), context: FieldContext(table: "emails", column: "message", rowID: email.id))
            else {
                unreadable.append(email.id)
                continue
            }
            due.append(DueEmail(email: email, recipient: recipient, message: message))
        }
        if !unreadable.isEmpty {
            try await database.write { [unreadable] db in
                try db.execute(forEachChunkOf: unreadable) {
                    "UPDATE emails SET status = 'cancelled', message = NULL, next_attempt_at = NULL, last_error = 'the customer was erased' WHERE id IN \($0)"
                }
            }
        }
        return due
    }

    /// Records a batch of attempts and their access-log entries in one transaction. A sent or
    /// failed email's message is dropped.
    public func record(_ results: [AttemptResult]) async throws {
        let now = clock()
        try await database.write { db in
            for result in results {
                let attempt = result.email.attempts + 1
                switch result.outcome {
                case .sent:
                    try db.execute(sql: """
                        UPDATE emails SET status = 'sent', attempts = ?, sent_at = ?, next_attempt_at = NULL, last_error = NULL, message = NULL
                        WHERE id = ?
                        """, arguments: [attempt, now, result.email.id])
                case let .retry(error, at):
                    try db.execute(sql: "UPDATE emails SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ? AND status = 'queued'",
                                   arguments: [attempt, at, error, result.email.id])
                case let .failed(error):
                    try db.execute(sql: """
                        UPDATE emails SET status = 'failed', attempts = ?, next_attempt_at = NULL, last_error = ?, message = NULL
                        WHERE id = ? AND status = 'queued'
                        """, arguments: [attempt, error, result.email.id])
                }
                try self.accessLog.append(result.access, in: db)
            }
        }
    }

    // MARK: Reading

    /// Emails newest first, optionally of one customer or status, paged by email id.
    public func emails(customerID: UUID?, status: Email.Status?, limit: Int, startingAfter: String?) async throws -> (emails: [Email], hasMore: Bool) {
        try await database.read { db in
            let cursor = try startingAfter.flatMap { try Int64.fetchOne(db, sql: "SELECT seq FROM emails WHERE id = ?", arguments: [$0]) } ?? Int64.max
            var sql = "SELECT * FROM emails WHERE seq < ?"
            var arguments: StatementArguments = [cursor]
            if let customerID {
                sql += " AND customer_id = ?"
                arguments += [customerID.lowercasedString]
            }
            if let status {
                sql += " AND status = ?"
                arguments += [status.rawValue]
            }
            sql += " ORDER BY seq DESC LIMIT ?"
            arguments += [limit + 1]
            let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
            return (try rows.prefix(limit).map(Self.email(from:)), rows.count > limit)
        }
    }

    /// Every email to the customer, oldest first, with the address it went to (opened with the
    /// customer's key; nil when it cannot be): what the subject's export lists as sent.
    public func emails(customerID: UUID) async throws -> [(email: Email, address: String?)] {
        let rows = try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM emails WHERE customer_id = ? ORDER BY seq", arguments: [customerID.lowercasedString])
                .map { (try Self.email(from: $0), try StoredRow($0, table: "emails").value("recipient", as: Data.self)) }
        }
        let key = try await keys.keys(for: [customerID.lowercasedString])[customerID.lowercasedString]
        // No key: the customer was erased, and with it the recipient's address.
        return try rows.map { email, sealed in
            (email, try key.map { try $0.openString(Array(sealed), context: FieldContext(table: "emails", column: "recipient", rowID: email.id)) })
        }
    }

    static func email(from row: Row) throws -> Email {
        let stored = StoredRow(row, table: "emails")
        return Email(id: try stored.value("id"), customerID: try stored.uuid("customer_id"), templateID: try stored.uuid("template_id"),
                     templateName: try stored.value("template_name"), fields: try stored.value("fields", as: String.self).split(separator: ",").map(String.init),
                     status: try stored.enumeration("status"), attempts: try stored.value("attempts"),
                     relay: try stored.value("relay"), createdAt: try stored.value("created_at"), nextAttemptAt: try stored.optional("next_attempt_at"),
                     sentAt: try stored.optional("sent_at"), lastError: try stored.optional("last_error"))
    }
}
