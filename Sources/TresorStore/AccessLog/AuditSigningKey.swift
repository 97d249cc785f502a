import Foundation
import TresorCrypto

/// The Ed25519 key that signs access-log checkpoints, export manifests and erasure certificates.
/// Its public half is stored in clear so an auditor can read it without the master key; its seed
/// is sealed with AES-256-GCM under a key derived from the master key (purpose
/// `audit.signing-key`), with the key id as associated data.
public struct AuditSigningKey: Sendable {
    package static let purpose = "audit.signing-key"

    /// `ak_` and 16 hex digits of the public key's SHA-256.
    public let id: String
    public let privateKey: Ed25519PrivateKey
    public var publicKey: Ed25519PublicKey { privateKey.publicKey }

    package init(id: String, privateKey: Ed25519PrivateKey) {
        self.id = id
        self.privateKey = privateKey
    }

    public static func identifier(of publicKey: Ed25519PublicKey) throws -> String {
        "ak_" + String(try SHA256.hash(publicKey.rawRepresentation).hexString.prefix(16))
    }
}
