import Foundation

/// A data-encryption key (DEK): one random AES-256 key per data subject.
///
/// Every personal-data field of the subject is sealed under it (see ``FieldContext`` and
/// ``DataKey/seal(_:context:)``). Destroying its wrapped copy makes all of the subject's fields
/// unreadable (crypto-shredding). A class, so that the key, its cipher contexts and its
/// precomputed associated-data prefix are shared, not copied, by everything that holds it.
public final class DataKey: Sendable, CustomStringConvertible, CustomReflectable {
    /// Key length in bytes.
    public static let byteCount = 32
    /// Length of ``identifier`` in bytes.
    public static let identifierByteCount = 8
    /// HMAC message that derives the identifier from the key.
    static let identifierLabel = Array("tresor/key-id/v1".utf8)

    /// A short, non-secret name for the key, carried in every sealed field's header:
    /// the first 8 bytes of HMAC-SHA256(key, "tresor/key-id/v1").
    public let identifier: [UInt8]
    let material: SecureBytes
    let cipher: AES256GCM
    /// The start of every sealed field's associated data (see ``SealedField``).
    let associatedDataPrefix: [UInt8]

    public var description: String { "DataKey(\(identifier.hexString), redacted)" }
    public var customMirror: Mirror { Mirror(self, children: ["identifier": identifier.hexString], displayStyle: .struct) }

    /// A new random data key.
    public static func generate() throws -> DataKey {
        try DataKey(material: SecureBytes.random(count: byteCount))
    }

    /// A data key from its 32 bytes (as unwrapped from ``WrappedDataKey``).
    public init(material: SecureBytes) throws {
        guard material.count == Self.byteCount else {
            throw CryptoError.invalidKeyLength(expected: Self.byteCount, actual: material.count)
        }
        self.material = material
        cipher = try AES256GCM(key: material)
        identifier = Array(try HMACSHA256.authenticationCode(for: Self.identifierLabel, using: material).prefix(Self.identifierByteCount))
        associatedDataPrefix = SealedField.associatedDataPrefix(keyIdentifier: identifier)
    }
}
