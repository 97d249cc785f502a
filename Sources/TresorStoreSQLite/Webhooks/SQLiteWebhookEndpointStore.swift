import Foundation
import GRDB
import TresorCrypto
import TresorModel
import TresorStore

/// Webhook endpoints and their secrets. A secret is shown once, when created or rotated, and
/// stored sealed with AES-256-GCM under a key derived from the master key (purpose
/// `webhooks.secrets`, the endpoint id and slot as associated data).
public struct SQLiteWebhookEndpointStore: WebhookEndpointStore {
    static let purpose = "webhooks.secrets"

    let database: SQLiteDatabase
    let keyring: MasterKeyring
    let clock: @Sendable () -> Int64

    /// Stores a new endpoint; returns it with its secret, to show once.
    public func create(name: String?, url: String, events: [WebhookEvent], country: CountryCode, transferBasis: String?,
                       payload: WebhookPayload, tamioSignatureHeader: String?, roleName: String?) async throws -> (WebhookEndpoint, WebhookSecret) {
        let endpoint = WebhookEndpoint(id: UUID(), name: name, url: url, events: events, country: country, transferBasis: transferBasis,
                                       payload: payload, createdAt: clock(), tamioSignatureHeader: tamioSignatureHeader, roleName: roleName)
        let secret = try WebhookSecret.generate()
        let version = keyring.currentVersion
        let sealed = try seal(secret, endpointID: endpoint.id, slot: "current", version: version)
        try await database.write { db in
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM webhook_endpoints") ?? 0 < WebhookEndpointLimits.maximumEndpoints else {
                throw StoreError.invalidField(FieldError(field: "url", reason: "at most \(WebhookEndpointLimits.maximumEndpoints) webhook endpoints"))
            }
            try db.execute(sql: """
                INSERT INTO webhook_endpoints (id, name, url, events, country, transfer_basis, payload, secret, master_key_version, created_at,
                                               tamio_signature_header, role)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [endpoint.id.lowercasedString, name, url, events.map(\.rawValue).joined(separator: ","), country.code,
                                 transferBasis, payload.rawValue, sealed, version, endpoint.createdAt, tamioSignatureHeader, roleName])
        }
        return (endpoint, secret)
    }

    public func endpoint(id: UUID) async throws -> WebhookEndpoint {
        let endpoint = try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM webhook_endpoints WHERE id = ?", arguments: [id.lowercasedString]).map(Self.endpoint(from:))
        }
        guard let endpoint else { throw StoreError.notFound(resource: "webhook endpoint", id: id.lowercasedString) }
        return endpoint
    }

    public func endpoints() async throws -> [WebhookEndpoint] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM webhook_endpoints ORDER BY created_at, id").map(Self.endpoint(from:))
        }
    }

    /// Deletes the endpoint; its pending deliveries are blocked, its delivery records kept.
    public func delete(id: UUID) async throws {
        let deleted = try await database.write { db -> Bool in
            try db.execute(sql: "DELETE FROM webhook_endpoints WHERE id = ?", arguments: [id.lowercasedString])
            guard db.changesCount > 0 else { return false }
            try db.execute(sql: """
                UPDATE webhook_deliveries SET status = 'blocked', next_attempt_at = NULL, last_error = 'endpoint deleted'
                WHERE endpoint_id = ? AND status = 'pending'
                """, arguments: [id.lowercasedString])
            return true
        }
        guard deleted else { throw StoreError.notFound(resource: "webhook endpoint", id: id.lowercasedString) }
    }

    /// A new secret; the previous one keeps signing for ``rotationOverlap`` seconds.
    public func rotateSecret(id: UUID) async throws -> (WebhookEndpoint, WebhookSecret) {
        let current = try await secrets(endpointID: id)
        guard let old = current.first else { throw StoreError.notFound(resource: "webhook endpoint", id: id.lowercasedString) }
        let secret = try WebhookSecret.generate()
        let version = keyring.currentVersion
        let sealedNew = try seal(secret, endpointID: id, slot: "current", version: version)
        let sealedOld = try seal(old, endpointID: id, slot: "previous", version: version)
        let expires = clock() + WebhookEndpointLimits.rotationOverlap
        try await database.write { db in
            try db.execute(sql: """
                UPDATE webhook_endpoints SET secret = ?, previous_secret = ?, previous_secret_expires_at = ?, master_key_version = ?
                WHERE id = ?
                """, arguments: [sealedNew, sealedOld, expires, version, id.lowercasedString])
        }
        return (try await endpoint(id: id), secret)
    }

    /// The secrets that sign now: the current one, and the previous one during its overlap.
    public func secrets(endpointID: UUID) async throws -> [WebhookSecret] {
        let stored = try await database.read { db -> (current: Data, previous: Data?, expires: Int64?, version: UInt32)? in
            try Row.fetchOne(db, sql: "SELECT secret, previous_secret, previous_secret_expires_at, master_key_version FROM webhook_endpoints WHERE id = ?",
                             arguments: [endpointID.lowercasedString])
                .map { ($0["secret"], $0["previous_secret"], $0["previous_secret_expires_at"], $0["master_key_version"]) }
        }
        guard let stored else { return [] }
        var secrets = [try open(stored.current, endpointID: endpointID, slot: "current", version: stored.version)]
        if let previous = stored.previous, let expires = stored.expires, expires > clock() {
            secrets.append(try open(previous, endpointID: endpointID, slot: "previous", version: stored.version))
        }
        return secrets
    }

    /// Stops deliveries to the endpoint (the receiver answered 410 Gone).
    public func disable(id: UUID) async throws {
        let now = clock()
        try await database.write { db in
            try db.execute(sql: "UPDATE webhook_endpoints SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL", arguments: [now, id.lowercasedString])
        }
    }

    private func seal(_ secret: WebhookSecret, endpointID: UUID, slot: String, version: UInt32) throws -> Data {
        let cipher = try AES256GCM(key: keyring.derivedKey(purpose: Self.purpose, version: version))
        return Data(try cipher.seal(secret.key, authenticating: Array("\(endpointID.lowercasedString)/\(slot)".utf8)).combined)
    }

    private func open(_ sealed: Data, endpointID: UUID, slot: String, version: UInt32) throws -> WebhookSecret {
        let cipher = try AES256GCM(key: keyring.derivedKey(purpose: Self.purpose, version: version))
        var key = try cipher.open(AES256GCM.SealedBox(combined: Array(sealed)), authenticating: Array("\(endpointID.lowercasedString)/\(slot)".utf8))
        defer { key.withUnsafeMutableBytes { SecureBytes.cleanse($0) } }
        return WebhookSecret(key: SecureBytes(copying: key))
    }

    static func endpoint(from row: Row) throws -> WebhookEndpoint {
        let stored = StoredRow(row, table: "webhook_endpoints")
        return WebhookEndpoint(id: try stored.uuid("id"), name: try stored.optional("name"), url: try stored.value("url"), events: try events(in: stored),
                               country: try stored.country("country"), transferBasis: try stored.optional("transfer_basis"),
                               payload: try stored.enumeration("payload"), createdAt: try stored.value("created_at"),
                               disabledAt: try stored.optional("disabled_at"), previousSecretExpiresAt: try stored.optional("previous_secret_expires_at"),
                               tamioSignatureHeader: try stored.optional("tamio_signature_header"), roleName: try stored.optional("role"))
    }

    /// The comma-separated event names of an endpoint row; one that is not an event makes the row unreadable.
    static func events(in stored: StoredRow) throws -> [WebhookEvent] {
        try stored.parsed("events") { text in
            let events = text.split(separator: ",").map { WebhookEvent(rawValue: String($0)) }
            return events.contains(nil) ? nil : events.compactMap { $0 }
        }
    }
}
