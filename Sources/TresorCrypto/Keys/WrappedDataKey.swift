import Foundation

/// A data key encrypted under a master-key version, bound to its subject.
///
/// Layout (65 bytes), see Docs/crypto.md:
/// `0x01 ‖ KEK version (u32 BE) ‖ nonce (12) ‖ encrypted DEK (32) ‖ tag (16)`,
/// sealed with AES-256-GCM under the KEK with associated data
/// `LP("tresor/dek/v1") ‖ LP(first 5 bytes) ‖ LP(subject id, UTF-8)`.
public struct WrappedDataKey: Sendable, Hashable {
    /// Format version in byte 0.
    public static let formatVersion: UInt8 = 1
    /// Total length in bytes.
    public static let byteCount = 1 + 4 + AES256GCM.nonceByteCount + DataKey.byteCount + AES256GCM.tagByteCount
    static let label = Array("tresor/dek/v1".utf8)
    static let headerByteCount = 5

    /// The encoded bytes, as stored in `keys.sqlite`.
    public let bytes: [UInt8]

    /// Parses stored bytes, checking length and format version.
    public init(bytes: [UInt8]) throws {
        guard bytes.count == Self.byteCount else {
            throw CryptoError.invalidFormat("a wrapped data key is \(Self.byteCount) bytes, got \(bytes.count)")
        }
        guard bytes[0] == Self.formatVersion else { throw CryptoError.unsupportedFormatVersion(bytes[0]) }
        self.bytes = bytes
    }

    /// The master-key version this key is wrapped under.
    public var masterKeyVersion: UInt32 { UInt32(bigEndianBytes: bytes, at: 1) }

    static func associatedData(header: ArraySlice<UInt8>, subjectID: String) -> [UInt8] {
        var encoder = LengthPrefixedEncoder()
        encoder.append(label)
        encoder.append(header)
        encoder.append(subjectID)
        return encoder.bytes
    }
}

extension MasterKeyring {
    /// Wraps `dataKey` for `subjectID` under the current master-key version.
    public func wrap(_ dataKey: DataKey, subjectID: String) throws -> WrappedDataKey {
        let version = currentVersion
        var bytes = [UInt8](repeating: 0, count: WrappedDataKey.byteCount)
        bytes[0] = WrappedDataKey.formatVersion
        bytes.replaceSubrange(1..<5, with: version.bigEndianBytes)
        let nonce = try NonceSource.next()
        bytes.replaceSubrange(5..<17, with: nonce)
        let aad = WrappedDataKey.associatedData(header: bytes[0..<5], subjectID: subjectID)
        let cipher = try cipher(version: version)
        try bytes.withUnsafeMutableBytes { output in
            try dataKey.material.withUnsafeBytes { plaintext in
                try nonce.withUnsafeBytes { nonce in
                    try aad.withUnsafeBytes { aad in
                        try cipher.seal(plaintext: plaintext, nonce: nonce, aad: aad,
                                        into: UnsafeMutableRawBufferPointer(rebasing: output[17..<49]),
                                        tag: UnsafeMutableRawBufferPointer(rebasing: output[49..<65]))
                    }
                }
            }
        }
        return try WrappedDataKey(bytes: bytes)
    }

    /// Unwraps a data key of `subjectID`.
    /// - Throws: ``CryptoError/unknownMasterKeyVersion(_:)`` when the ring lacks the version,
    ///   ``CryptoError/authenticationFailure`` when the key belongs to another subject or was changed.
    public func unwrap(_ wrapped: WrappedDataKey, subjectID: String) throws -> DataKey {
        let cipher = try cipher(version: wrapped.masterKeyVersion)
        let aad = WrappedDataKey.associatedData(header: wrapped.bytes[0..<5], subjectID: subjectID)
        let material = try SecureBytes(count: DataKey.byteCount) { output in
            try wrapped.bytes.withUnsafeBytes { bytes in
                try aad.withUnsafeBytes { aad in
                    try cipher.open(ciphertext: UnsafeRawBufferPointer(rebasing: bytes[17..<49]),
                                    nonce: UnsafeRawBufferPointer(rebasing: bytes[5..<17]),
                                    aad: aad,
                                    tag: UnsafeRawBufferPointer(rebasing: bytes[49..<65]),
                                    into: output)
                }
            }
        }
        return try DataKey(material: material)
    }

    /// The same data key wrapped under the current master-key version; unchanged when it already
    /// is. This is all that master-key rotation does: sealed fields are not touched.
    public func rewrap(_ wrapped: WrappedDataKey, subjectID: String) throws -> WrappedDataKey {
        guard wrapped.masterKeyVersion != currentVersion else { return wrapped }
        return try wrap(unwrap(wrapped, subjectID: subjectID), subjectID: subjectID)
    }
}
