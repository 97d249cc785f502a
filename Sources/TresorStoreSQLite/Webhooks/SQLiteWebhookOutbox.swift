import Foundation
import GRDB
import TresorCrypto
import TresorModel
import TresorStore

/// The transactional outbox for webhooks: events are written in the same transaction as the
/// change they describe (``enqueue(_:customers:changedFields:keys:in:)``), and the delivery worker
/// takes them from here, in order per customer and endpoint, until each is acknowledged.
public struct SQLiteWebhookOutbox: WebhookOutbox {
    let database: SQLiteDatabase
    let keys: SubjectKeyStore
    let endpoints: SQLiteWebhookEndpointStore
    let accessLog: SQLiteAccessLog
    let clock: @Sendable () -> Int64

    /// A due delivery as read, before its endpoint and snapshot are opened.
    private struct StoredDelivery: Sendable {
        var delivery: WebhookDelivery
        var changedFields: String
        var snapshot: Data?
        var recipient: String
    }

    // MARK: Writing events (inside the change's transaction)

    struct Subscriber {
        var id: String
        var payload: WebhookPayload
        var recipient: String
    }

    /// Adds one event per customer, and one delivery per subscribed endpoint, to the caller's
    /// transaction. `keys` seal the customer snapshots that full-payload endpoints need.
    func enqueue(_ event: WebhookEvent, customers: [Customer], changedFields: [String], keys: [String: DataKey], in db: Database) throws {
        try enqueue(event, customers: customers, changedFields: changedFields, keys: keys, subscribers: Self.subscribers(of: event, in: db), in: db)
    }

    /// `customer-updated` for the customers `subjectIDs` as they are now in this transaction; they
    /// are decoded only when some endpoint listens.
    func enqueueUpdates(_ subjectIDs: [String], changedFields: [String], keys: [String: DataKey], in db: Database) throws {
        guard !subjectIDs.isEmpty else { return }
        let subscribers = try Self.subscribers(of: .customerUpdated, in: db)
        guard !subscribers.isEmpty else { return }
        let customers = try SQLiteCustomerStore.decodeCustomers(subjectIDs, keys: keys, from: db)
        try enqueue(.customerUpdated, customers: customers, changedFields: changedFields, keys: keys, subscribers: subscribers, in: db)
    }

    private func enqueue(_ event: WebhookEvent, customers: [Customer], changedFields: [String], keys: [String: DataKey],
                         subscribers: [Subscriber], in db: Database) throws {
        guard !subscribers.isEmpty, !customers.isEmpty else { return }
        let wantsSnapshot = event != .customerRemoved && subscribers.contains { $0.payload == .full }
        let encoder = JSONEncoder()
        for customer in customers {
            let subjectID = customer.id.lowercasedString
            let eventID = "whev_" + RandomID.hex(bytes: 12)
            var snapshot: Data?
            if wantsSnapshot, let key = keys[subjectID] {
                let json = String(decoding: try encoder.encode(customer), as: UTF8.self)
                snapshot = try RecordCodec.seal(json, table: "webhook_events", column: "snapshot", rowID: eventID, key: key)
            }
            try insert(eventID: eventID, event: event, customerID: subjectID, changedFields: changedFields, snapshot: snapshot,
                       subscribers: subscribers, in: db)
        }
    }

    /// `customer-removed` for each id: no snapshot, the key is about to go.
    func enqueueRemovals(_ customerIDs: [UUID], in db: Database) throws {
        let subscribers = try Self.subscribers(of: .customerRemoved, in: db)
        guard !subscribers.isEmpty else { return }
        for id in customerIDs {
            try insert(eventID: "whev_" + RandomID.hex(bytes: 12), event: .customerRemoved, customerID: id.lowercasedString, changedFields: [],
                       snapshot: nil, subscribers: subscribers, in: db)
        }
    }

    private func insert(eventID: String, event: WebhookEvent, customerID: String, changedFields: [String], snapshot: Data?,
                        subscribers: [Subscriber], in db: Database) throws {
        let now = clock()
        try db.cachedStatement(sql: "INSERT INTO webhook_events (id, type, customer_id, changed_fields, snapshot, created_at) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(arguments: [eventID, event.rawValue, customerID, changedFields.joined(separator: ","), snapshot, now])
        let delivery = try db.cachedStatement(sql: """
            INSERT INTO webhook_deliveries (id, event_id, endpoint_id, customer_id, recipient, status, next_attempt_at, created_at)
            VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)
            """)
        for subscriber in subscribers {
            try delivery.execute(arguments: ["msg_" + RandomID.hex(bytes: 12), eventID, subscriber.id, customerID, subscriber.recipient, now, now])
        }
    }

    static func subscribers(of event: WebhookEvent, in db: Database) throws -> [Subscriber] {
        var subscribers: [Subscriber] = []
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT id, name, url, country, payload, events, transfer_basis FROM webhook_endpoints WHERE disabled_at IS NULL")) {
            let stored = StoredRow(row, table: "webhook_endpoints")
            guard try SQLiteWebhookEndpointStore.events(in: stored).contains(event) else { continue }
            let id: String = try stored.value("id")
            let host = URL(string: try stored.value("url"))?.host ?? "?"
            let recipient = SQLiteWebhookEndpointStore.recipient(name: try stored.optional("name"), id: id, host: host, country: try stored.country("country"),
                                                                transferBasis: try stored.optional("transfer_basis"))
            subscribers.append(Subscriber(id: id, payload: try stored.enumeration("payload"), recipient: recipient))
        }
        return subscribers
    }

    // MARK: Delivering

    /// Up to `limit` deliveries due now, at most one per endpoint and customer (the oldest
    /// undelivered one), so each customer's events reach each endpoint in order.
    public func dueDeliveries(limit: Int) async throws -> [DueDelivery] {
        let now = clock()
        let rows = try await database.read { db -> [StoredDelivery] in
            try Row.fetchAll(db, sql: """
                SELECT d.*, e.type, e.changed_fields, e.snapshot FROM webhook_deliveries d
                JOIN webhook_events e ON e.id = d.event_id
                JOIN webhook_endpoints p ON p.id = d.endpoint_id AND p.disabled_at IS NULL
                WHERE d.status = 'pending' AND d.next_attempt_at <= ?
                  AND NOT EXISTS (SELECT 1 FROM webhook_deliveries o WHERE o.endpoint_id = d.endpoint_id
                                  AND o.customer_id = d.customer_id AND o.status = 'pending' AND o.seq < d.seq)
                ORDER BY d.seq LIMIT ?
                """, arguments: [now, limit]).map {
                let stored = StoredRow($0, table: "webhook_deliveries")
                return StoredDelivery(delivery: try Self.delivery(from: $0), changedFields: try stored.value("changed_fields"),
                                      snapshot: try stored.optional("snapshot"), recipient: try stored.value("recipient"))
            }
        }
        var due: [DueDelivery] = []
        var endpointCache: [UUID: (WebhookEndpoint, [WebhookSecret])] = [:]
        let subjectKeys = try await keys.keys(for: rows.filter { $0.snapshot != nil }.map(\.delivery.customerID.lowercasedString))
        let decoder = JSONDecoder()
        for row in rows {
            let delivery = row.delivery
            if endpointCache[delivery.endpointID] == nil {
                endpointCache[delivery.endpointID] = (try await endpoints.endpoint(id: delivery.endpointID),
                                                      try await endpoints.secrets(endpointID: delivery.endpointID))
            }
            let (endpoint, secrets) = endpointCache[delivery.endpointID]!
            var customer: Customer?
            if let sealed = row.snapshot, let key = subjectKeys[delivery.customerID.lowercasedString],
               let json = try? key.openString(Array(sealed), context: FieldContext(table: "webhook_events", column: "snapshot", rowID: delivery.eventID)) {
                customer = try? decoder.decode(Customer.self, from: Data(json.utf8))
            }
            let fields = row.changedFields.split(separator: ",").map(String.init)
            due.append(DueDelivery(delivery: delivery, endpoint: endpoint, secrets: secrets, changedFields: fields, customer: customer,
                                   recipient: row.recipient))
        }
        return due
    }

    /// Records a batch of attempts and their access-log entries in one transaction.
    public func record(_ results: [AttemptResult]) async throws {
        let now = clock()
        try await database.write { db in
            for result in results { try self.record(result, now: now, in: db) }
        }
    }

    private func record(_ result: AttemptResult, now: Int64, in db: Database) throws {
        let (outcome, delivery, access) = (result.outcome, result.delivery, result.access)
        let attempt = delivery.attempts + 1
        do {
            var statusCode: Int?, error: String?
            switch outcome {
            case let .delivered(code):
                statusCode = code
                try db.execute(sql: """
                    UPDATE webhook_deliveries SET status = 'delivered', attempts = ?, delivered_at = ?, next_attempt_at = NULL,
                        last_status_code = ?, last_error = NULL WHERE id = ?
                    """, arguments: [attempt, now, code, delivery.id])
            case let .retry(code, message, at):
                (statusCode, error) = (code, message)
                try db.execute(sql: "UPDATE webhook_deliveries SET attempts = ?, next_attempt_at = ?, last_status_code = ?, last_error = ? WHERE id = ?",
                               arguments: [attempt, at, code, message, delivery.id])
            case let .failed(code, message):
                (statusCode, error) = (code, message)
                try db.execute(sql: """
                    UPDATE webhook_deliveries SET status = 'failed', attempts = ?, next_attempt_at = NULL, last_status_code = ?, last_error = ?
                    WHERE id = ?
                    """, arguments: [attempt, code, message, delivery.id])
            case let .blocked(reason):
                error = reason
                try db.execute(sql: "UPDATE webhook_deliveries SET status = 'blocked', next_attempt_at = NULL, last_error = ? WHERE id = ?",
                               arguments: [reason, delivery.id])
            }
            try db.execute(sql: """
                INSERT OR REPLACE INTO webhook_attempts (delivery_id, attempt, at, status_code, error, duration_ms) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [delivery.id, attempt, now, statusCode, error, result.durationMilliseconds])
            if let access { try self.accessLog.append(access, in: db) }
            // Data minimisation: once no delivery of the event is pending, its customer snapshot goes.
            try db.execute(sql: """
                UPDATE webhook_events SET snapshot = NULL WHERE id = ? AND snapshot IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM webhook_deliveries WHERE event_id = ? AND status = 'pending')
                """, arguments: [delivery.eventID, delivery.eventID])
        }
    }

    // MARK: Reading

    /// An endpoint's deliveries, newest first, paged by delivery id, each with its attempts.
    public func deliveries(endpointID: UUID, limit: Int, startingAfter: String?) async throws
        -> (deliveries: [(delivery: WebhookDelivery, attempts: [WebhookAttempt])], hasMore: Bool) {
        try await database.read { db in
            let cursor = try startingAfter.flatMap { try Int64.fetchOne(db, sql: "SELECT seq FROM webhook_deliveries WHERE id = ?", arguments: [$0]) } ?? Int64.max
            let rows = try Row.fetchAll(db, sql: """
                SELECT d.*, e.type FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
                WHERE d.endpoint_id = ? AND d.seq < ? ORDER BY d.seq DESC LIMIT ?
                """, arguments: [endpointID.lowercasedString, cursor, limit + 1])
            let page = try rows.prefix(limit).map(Self.delivery(from:))
            var attempts: [String: [WebhookAttempt]] = [:]
            for row in try db.fetchRows(forEachChunkOf: page.map(\.id), { "SELECT * FROM webhook_attempts WHERE delivery_id IN \($0) ORDER BY attempt" }) {
                attempts[row["delivery_id"], default: []].append(WebhookAttempt(number: row["attempt"], at: row["at"], statusCode: row["status_code"],
                                                                                 error: row["error"], durationMilliseconds: row["duration_ms"]))
            }
            return (page.map { ($0, attempts[$0.id] ?? []) }, rows.count > limit)
        }
    }

    /// Every delivery of an event about the customer, oldest first, with its recipient: what the
    /// subject's export lists as disclosed.
    public func deliveries(customerID: UUID) async throws -> [(delivery: WebhookDelivery, recipient: String)] {
        try await database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT d.*, e.type FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
                WHERE d.customer_id = ? ORDER BY d.seq
                """, arguments: [customerID.lowercasedString]).map { (try Self.delivery(from: $0), try StoredRow($0, table: "webhook_deliveries").value("recipient", as: String.self)) }
        }
    }

    /// Queues a delivery again, now, keeping its `webhook-id`: a failed, blocked or delivered one is
    /// sent once more, a pending one without waiting for its next scheduled attempt.
    public func resend(deliveryID: String, endpointID: UUID) async throws -> WebhookDelivery {
        let now = clock()
        let resent = try await database.write { db -> WebhookDelivery? in
            try db.execute(sql: """
                UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ? WHERE id = ? AND endpoint_id = ?
                """, arguments: [now, deliveryID, endpointID.lowercasedString])
            return try Row.fetchOne(db, sql: "SELECT d.*, e.type FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id WHERE d.id = ? AND d.endpoint_id = ?",
                                    arguments: [deliveryID, endpointID.lowercasedString]).map(Self.delivery(from:))
        }
        guard let resent else { throw StoreError.notFound(resource: "delivery", id: deliveryID) }
        return resent
    }

    static func delivery(from row: Row) throws -> WebhookDelivery {
        let stored = StoredRow(row, table: "webhook_deliveries")
        return WebhookDelivery(id: try stored.value("id"), endpointID: try stored.uuid("endpoint_id"), eventID: try stored.value("event_id"),
                               event: try stored.enumeration("type"), customerID: try stored.uuid("customer_id"),
                               status: try stored.enumeration("status"), attempts: try stored.value("attempts"),
                               createdAt: try stored.value("created_at"), nextAttemptAt: try stored.optional("next_attempt_at"),
                               deliveredAt: try stored.optional("delivered_at"),
                               lastStatusCode: try stored.optional("last_status_code"), lastError: try stored.optional("last_error"))
    }
}
