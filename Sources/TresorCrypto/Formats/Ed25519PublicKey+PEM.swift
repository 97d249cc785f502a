import Foundation

extension Ed25519PublicKey {
    /// The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): SEQUENCE, AlgorithmIdentifier
    /// id-Ed25519 (1.3.101.112), BIT STRING of 33 bytes; the 32 key bytes follow.
    static let subjectPublicKeyInfoPrefix: [UInt8] = [0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00]

    /// The key as a PEM `PUBLIC KEY` block, as `openssl pkey -pubout` writes it.
    public var pemRepresentation: String {
        let der = Data(Self.subjectPublicKeyInfoPrefix + rawRepresentation)
        return "-----BEGIN PUBLIC KEY-----\n\(der.base64EncodedString())\n-----END PUBLIC KEY-----\n"
    }

    /// Reads a PEM `PUBLIC KEY` block holding an Ed25519 key.
    public init(pemRepresentation pem: String) throws {
        let lines = pem.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let begin = lines.firstIndex(of: "-----BEGIN PUBLIC KEY-----"),
              let end = lines.firstIndex(of: "-----END PUBLIC KEY-----"), begin < end else {
            throw CryptoError.invalidFormat("expected a PEM block `-----BEGIN PUBLIC KEY-----`")
        }
        guard let der = Data(base64Encoded: lines[(begin + 1)..<end].joined()) else {
            throw CryptoError.invalidFormat("the PEM block is not valid base64")
        }
        let bytes = [UInt8](der)
        guard bytes.count == Self.subjectPublicKeyInfoPrefix.count + 32,
              Array(bytes.prefix(Self.subjectPublicKeyInfoPrefix.count)) == Self.subjectPublicKeyInfoPrefix else {
            throw CryptoError.invalidFormat("the PEM block is not an Ed25519 public key")
        }
        try self.init(rawRepresentation: Array(bytes.suffix(32)))
    }
}
