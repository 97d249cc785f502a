import Foundation
import GRDB
import TresorCrypto
import TresorStore

/// Where the audit signing key lives in `tresor.sqlite` (table `audit_keys`).
extension AuditSigningKey {
    /// The newest signing key, created on first use.
    static func loadOrCreate(in db: Database, keyring: MasterKeyring, now: Int64) throws -> AuditSigningKey {
        if let row = try Row.fetchOne(db, sql: "SELECT key_id, sealed_seed, master_key_version FROM audit_keys ORDER BY created_at DESC, key_id LIMIT 1") {
            let id: String = row["key_id"]
            let cipher = try AES256GCM(key: keyring.derivedKey(purpose: purpose, version: row["master_key_version"]))
            let seed = try cipher.open(AES256GCM.SealedBox(combined: Array(row["sealed_seed"] as Data)), authenticating: Array(id.utf8))
            let key = try AuditSigningKey(id: id, privateKey: Ed25519PrivateKey(seed: SecureBytes(copying: seed)))
            var scratch = seed
            scratch.withUnsafeMutableBytes { SecureBytes.cleanse($0) }
            return key
        }
        let privateKey = try Ed25519PrivateKey()
        let id = try Self.identifier(of: privateKey.publicKey)
        let version = keyring.currentVersion
        let cipher = try AES256GCM(key: keyring.derivedKey(purpose: purpose, version: version))
        let sealed = try cipher.seal(privateKey.seed, authenticating: Array(id.utf8))
        try db.execute(sql: """
            INSERT INTO audit_keys (key_id, public_key, sealed_seed, master_key_version, created_at) VALUES (?, ?, ?, ?, ?)
            """, arguments: [id, Data(privateKey.publicKey.rawRepresentation), Data(sealed.combined), version, now])
        return AuditSigningKey(id: id, privateKey: privateKey)
    }

    /// Every public key the deployment has signed with, by key id. Needs no master key.
    public static func publicKeys(in db: Database) throws -> [String: Ed25519PublicKey] {
        var keys: [String: Ed25519PublicKey] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key_id, public_key FROM audit_keys") {
            keys[row["key_id"]] = try Ed25519PublicKey(rawRepresentation: Array(row["public_key"] as Data))
        }
        return keys
    }
}
