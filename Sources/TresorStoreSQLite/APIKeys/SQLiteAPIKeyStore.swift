import Foundation
import GRDB
import NIOConcurrencyHelpers
import TresorCrypto
import TresorModel
import TresorStore

/// API keys: `tk_` followed by 43 base64url characters (256 random bits). Only a SHA-256 of the
/// secret is stored, which is enough for a secret of that strength (no password hashing needed).
public final class SQLiteAPIKeyStore: APIKeyStore {
    private let database: SQLiteDatabase
    private let clock: @Sendable () -> Int64
    /// Recently authenticated keys by secret hash, so a busy client costs one lookup every few
    /// seconds rather than one per request. A revocation by this process takes effect at once;
    /// one by another process (`tresor keys revoke` beside the server) within ``cacheSeconds``:
    /// a check is remembered while the clock (whole seconds) reads less than the second it was
    /// made plus ``cacheSeconds``, so never for longer than that.
    private let recent = NIOLockedValueBox<[Data: (record: APIKeyRecord, until: Int64)]>([:])

    init(database: SQLiteDatabase, clock: @escaping @Sendable () -> Int64) {
        self.database = database
        self.clock = clock
    }

    /// Creates a key and returns its record and its secret, which is shown once and not kept.
    public func create(name: String, roleName: String, reach: CustomerReach, compatibility: APICompatibility) async throws
        -> (record: APIKeyRecord, secret: String) {
        let secretBytes = try SecureRandom.bytes(count: 32)
        let secret = "tk_" + Data(secretBytes).base64URLEncoded
        let record = APIKeyRecord(id: "key_" + (try SecureRandom.bytes(count: 8)).hexString,
                                  visiblePrefix: String(secret.prefix(7)), name: name, roleName: roleName,
                                  reach: reach, compatibility: compatibility, createdAt: clock(), revokedAt: nil)
        let hash = Data(try SHA256.hash(Array(secret.utf8)))
        let reachJSON = String(decoding: try JSONEncoder().encode(reach), as: UTF8.self)
        try await database.write { db in
            try db.execute(sql: """
                INSERT INTO api_keys (id, visible_prefix, secret_hash, name, role, reach, compat, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [record.id, record.visiblePrefix, hash, record.name, record.roleName, reachJSON, compatibility.rawValue,
                                  record.createdAt])
        }
        return (record, secret)
    }

    /// The live key whose secret this is, or nil (unknown, malformed or revoked).
    public func authenticate(secret: String) async throws -> APIKeyRecord? {
        guard secret.hasPrefix("tk_"), secret.utf8.count == 46 else { return nil }
        let hash = try SHA256.hash(Array(secret.utf8))
        let now = clock()
        if let cached = recent.withLockedValue({ $0[Data(hash)] }), now < cached.until { return cached.record }
        let found = try await database.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM api_keys WHERE secret_hash = ?"), arguments: [Data(hash)])
                .map { (try Self.record(from: $0), Array(try StoredRow($0, table: "api_keys").value("secret_hash", as: Data.self))) }
        }
        guard let (record, storedHash) = found, ConstantTime.equals(storedHash, hash), record.revokedAt == nil else { return nil }
        recent.withLockedValue { cache in
            if cache.count > 10_000 { cache.removeAll() }
            cache[Data(hash)] = (record, now + APIKeyRecord.cacheSeconds)
        }
        return record
    }

    public func list() async throws -> [APIKeyRecord] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM api_keys ORDER BY created_at, id").map(Self.record(from:))
        }
    }

    /// Revokes a key; requests with it are refused from now on.
    public func revoke(id: String) async throws {
        let now = clock()
        let changed = try await database.write { db in
            try db.execute(sql: "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", arguments: [now, id])
            return db.changesCount
        }
        guard changed > 0 else { throw StoreError.notFound(resource: "API key", id: id) }
        recent.withLockedValue { cache in cache = cache.filter { $0.value.record.id != id } }
    }

    private static func record(from row: Row) throws -> APIKeyRecord {
        let stored = StoredRow(row, table: "api_keys")
        let reach = try stored.parsed("reach") { try? JSONDecoder().decode(CustomerReach.self, from: Data($0.utf8)) }
        let compatibility = try stored.parsed("compat") { APICompatibility(rawValue: $0) }
        return APIKeyRecord(id: try stored.value("id"), visiblePrefix: try stored.value("visible_prefix"), name: try stored.value("name"),
                            roleName: try stored.value("role"), reach: reach, compatibility: compatibility,
                            createdAt: try stored.value("created_at"), revokedAt: try stored.optional("revoked_at"))
    }
}

extension Data {
    /// Base64 with the URL-safe alphabet and no padding (RFC 4648 §5).
    var base64URLEncoded: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
