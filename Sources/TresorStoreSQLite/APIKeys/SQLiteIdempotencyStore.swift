import Foundation
import GRDB
import TresorCrypto
import TresorStore

/// Idempotency keys (Stripe's semantics): the first response to a key is kept for 24 hours and
/// replayed for the same key, API key, method and path. Responses can hold personal data, so
/// they are stored sealed (AES-256-GCM under a key derived from the master key), and the records
/// naming a subject are deleted with that subject.
public final class SQLiteIdempotencyStore: IdempotencyStore {
    static let purpose = "idempotency.responses"

    private let database: SQLiteDatabase
    private let keyring: MasterKeyring
    private let clock: @Sendable () -> Int64

    init(database: SQLiteDatabase, keyring: MasterKeyring, clock: @escaping @Sendable () -> Int64) {
        self.database = database
        self.keyring = keyring
        self.clock = clock
    }

    public func claim(_ scope: Scope, requestHash: [UInt8]) async throws -> Claim {
        let now = clock()
        let version = keyring.currentVersion
        let row = try await database.write { db -> (status: Int?, response: Data?, requestHash: Data, version: UInt32)? in
            try db.execute(sql: "DELETE FROM idempotency_records WHERE created_at < ?", arguments: [now - IdempotencyScope.retention])
            if let existing = try Row.fetchOne(db, sql: """
                SELECT status, response, request_hash, master_key_version FROM idempotency_records
                WHERE api_key_id = ? AND method = ? AND path = ? AND key_hash = ?
                """, arguments: [scope.apiKeyID, scope.method, scope.path, scope.keyHash]) {
                return (existing["status"], existing["response"], existing["request_hash"], existing["master_key_version"])
            }
            try db.execute(sql: """
                INSERT INTO idempotency_records (api_key_id, method, path, key_hash, request_hash, master_key_version, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [scope.apiKeyID, scope.method, scope.path, scope.keyHash, Data(requestHash), version, now])
            return nil
        }
        guard let row else { return .claimed }
        guard ConstantTime.equals(row.requestHash, requestHash) else { return .mismatch }
        guard let status = row.status, let sealed = row.response else { return .inProgress }
        let cipher = try AES256GCM(key: keyring.derivedKey(purpose: Self.purpose, version: row.version))
        let body = try cipher.open(AES256GCM.SealedBox(combined: Array(sealed)), authenticating: scope.associatedData)
        return .replay(status: status, body: Data(body))
    }

    /// Stores the response to replay; `subjects` are the customers it mentions.
    public func complete(_ scope: Scope, status: Int, body: Data, subjects: [String]) async throws {
        let version = keyring.currentVersion
        let cipher = try AES256GCM(key: keyring.derivedKey(purpose: Self.purpose, version: version))
        let sealed = Data(try cipher.seal(Array(body), authenticating: scope.associatedData).combined)
        try await database.write { db in
            try db.execute(sql: """
                UPDATE idempotency_records SET status = ?, response = ?, master_key_version = ?, subjects = ?
                WHERE api_key_id = ? AND method = ? AND path = ? AND key_hash = ?
                """, arguments: [status, sealed, version, subjects.joined(separator: ","), scope.apiKeyID, scope.method, scope.path, scope.keyHash])
        }
    }

    /// Forgets a claim whose request failed, so the caller may retry with the same key.
    public func release(_ scope: Scope) async throws {
        try await database.write { db in
            try db.execute(sql: "DELETE FROM idempotency_records WHERE api_key_id = ? AND method = ? AND path = ? AND key_hash = ?",
                           arguments: [scope.apiKeyID, scope.method, scope.path, scope.keyHash])
        }
    }

    /// Deletes the stored responses that mention any of `subjectIDs` (called on deletion).
    static func forget(_ subjectIDs: [String], in db: Database) throws {
        for subjectID in subjectIDs {
            try db.execute(sql: "DELETE FROM idempotency_records WHERE instr(subjects, ?) > 0", arguments: [subjectID])
        }
    }
}
