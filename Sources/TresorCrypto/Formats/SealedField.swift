import Foundation

/// The stored form of one personal-data field, sealed with AES-256-GCM under the subject's
/// data key.
///
/// Layout (see Docs/crypto.md):
/// `0x01 ‖ key identifier (8) ‖ nonce (12) ‖ ciphertext (n) ‖ tag (16)`; the first 9 bytes are
/// the header. Associated data: `LP("tresor/field/v1") ‖ LP(header) ‖ LP(table) ‖ LP(column) ‖ LP(row id)`.
public enum SealedField {
    /// Format version in byte 0.
    public static let formatVersion: UInt8 = 1
    /// Header length: version and key identifier.
    public static let headerByteCount = 1 + DataKey.identifierByteCount
    /// Bytes added to the plaintext: header, nonce and tag.
    public static let overhead = headerByteCount + AES256GCM.nonceByteCount + AES256GCM.tagByteCount
    static let label = Array("tresor/field/v1".utf8)

    /// The data-key identifier named in a sealed field's header, without opening it.
    public static func keyIdentifier(of sealed: [UInt8]) throws -> [UInt8] {
        try validateHeader(sealed)
        return Array(sealed[1..<headerByteCount])
    }

    static func validateHeader(_ sealed: [UInt8]) throws {
        try sealed.withUnsafeBytes { try validateHeader($0) }
    }

    static func validateHeader(_ sealed: UnsafeRawBufferPointer) throws {
        guard sealed.count >= overhead else {
            throw CryptoError.invalidFormat("a sealed field is at least \(overhead) bytes, got \(sealed.count)")
        }
        guard sealed[0] == formatVersion else { throw CryptoError.unsupportedFormatVersion(sealed[0]) }
    }

    /// `LP("tresor/field/v1") ‖ LP(header)` for a key: the start of the associated data of every
    /// field sealed under it (the header is the same for all of them).
    static func associatedDataPrefix(keyIdentifier: [UInt8]) -> [UInt8] {
        var encoder = LengthPrefixedEncoder()
        encoder.append(label)
        encoder.append([formatVersion] + keyIdentifier)
        return encoder.bytes
    }
}

extension DataKey {
    /// Gives `body` the associated data for a field at `context`: this key's prefix followed by
    /// the encoded context, assembled in scratch memory without a heap allocation.
    private func withAssociatedData<Result>(
        for context: FieldContext, _ body: (UnsafeRawBufferPointer) throws -> Result
    ) rethrows -> Result {
        let prefixCount = associatedDataPrefix.count
        let count = prefixCount + context.encodedCount
        return try withUnsafeTemporaryAllocation(byteCount: count, alignment: 1) { buffer in
            associatedDataPrefix.withUnsafeBytes { prefix in
                UnsafeMutableRawBufferPointer(rebasing: buffer[0..<prefixCount]).copyMemory(from: prefix)
            }
            context.encode(into: UnsafeMutableRawBufferPointer(rebasing: buffer[prefixCount...]))
            return try body(UnsafeRawBufferPointer(buffer))
        }
    }

    /// Seals raw bytes into a new sealed field.
    @usableFromInline
    internal func seal(raw plaintext: UnsafeRawBufferPointer, context: FieldContext) throws -> [UInt8] {
        let nonceStart = SealedField.headerByteCount
        let ciphertextStart = nonceStart + AES256GCM.nonceByteCount
        let tagStart = ciphertextStart + plaintext.count
        let total = tagStart + AES256GCM.tagByteCount
        return try [UInt8](unsafeUninitializedCapacity: total) { buffer, initializedCount in
            let output = UnsafeMutableRawBufferPointer(buffer)
            output[0] = SealedField.formatVersion
            identifier.withUnsafeBytes { identifier in
                UnsafeMutableRawBufferPointer(rebasing: output[1..<nonceStart]).copyMemory(from: identifier)
            }
            let nonce = UnsafeMutableRawBufferPointer(rebasing: output[nonceStart..<ciphertextStart])
            try NonceSource.fill(nonce)
            try withAssociatedData(for: context) { aad in
                try cipher.seal(plaintext: plaintext, nonce: UnsafeRawBufferPointer(nonce), aad: aad,
                                into: UnsafeMutableRawBufferPointer(rebasing: output[ciphertextStart..<tagStart]),
                                tag: UnsafeMutableRawBufferPointer(rebasing: output[tagStart..<total]))
            }
            initializedCount = total
        }
    }

    /// Seals `plaintext` for the field at `context` under a fresh random nonce.
    @inlinable
    public func seal(_ plaintext: some ContiguousBytes, context: FieldContext) throws -> [UInt8] {
        try plaintext.withUnsafeBytes { try seal(raw: $0, context: context) }
    }

    /// Opens a field sealed for `context` under this key.
    /// - Throws: ``CryptoError/keyMismatch`` when the header names another key,
    ///   ``CryptoError/authenticationFailure`` when the field, its header or its context differ.
    public func open(_ sealed: [UInt8], context: FieldContext) throws -> [UInt8] {
        try sealed.withUnsafeBytes { sealed in
            try [UInt8](unsafeUninitializedCapacity: try Self.plaintextCount(of: sealed)) { buffer, initializedCount in
                try open(raw: sealed, context: context, into: UnsafeMutableRawBufferPointer(buffer))
                initializedCount = buffer.count
            }
        }
    }

    /// The plaintext length of a sealed field, after checking its header's format.
    private static func plaintextCount(of sealed: UnsafeRawBufferPointer) throws -> Int {
        try SealedField.validateHeader(sealed)
        return sealed.count - SealedField.overhead
    }

    /// Opens `sealed` into `plaintext`, which has exactly the plaintext's length.
    private func open(raw sealed: UnsafeRawBufferPointer, context: FieldContext, into plaintext: UnsafeMutableRawBufferPointer) throws {
        let nonceStart = SealedField.headerByteCount
        let ciphertextStart = nonceStart + AES256GCM.nonceByteCount
        let tagStart = sealed.count - AES256GCM.tagByteCount
        let identifierMatches = identifier.withUnsafeBytes {
            ConstantTime.equals(UnsafeRawBufferPointer(rebasing: sealed[1..<nonceStart]), $0)
        }
        guard identifierMatches else { throw CryptoError.keyMismatch }
        // The header was just checked to be this key's, so the key's associated-data prefix,
        // computed once from that same header, is the one the field was sealed with.
        try withAssociatedData(for: context) { aad in
            try cipher.open(ciphertext: UnsafeRawBufferPointer(rebasing: sealed[ciphertextStart..<tagStart]),
                            nonce: UnsafeRawBufferPointer(rebasing: sealed[nonceStart..<ciphertextStart]),
                            aad: aad,
                            tag: UnsafeRawBufferPointer(rebasing: sealed[tagStart...]),
                            into: plaintext)
        }
    }

    /// Seals the UTF-8 bytes of `text`.
    public func seal(_ text: String, context: FieldContext) throws -> [UInt8] {
        var text = text
        return try text.withUTF8 { try seal(raw: UnsafeRawBufferPointer($0), context: context) }
    }

    /// Opens a field sealed by ``seal(_:context:)-(String,_)`` back into text.
    public func openString(_ sealed: [UInt8], context: FieldContext) throws -> String {
        try sealed.withUnsafeBytes { try openString($0, context: context) }
    }

    /// Opens a field sealed by ``seal(_:context:)-(String,_)`` back into text, reading the
    /// sealed bytes where they lie (a database's row buffer, for instance). The plaintext passes
    /// through scratch memory that is zeroed before this returns.
    public func openString(_ sealed: UnsafeRawBufferPointer, context: FieldContext) throws -> String {
        let count = try Self.plaintextCount(of: sealed)
        return try withUnsafeTemporaryAllocation(byteCount: max(count, 1), alignment: 1) { scratch in
            let plaintext = UnsafeMutableRawBufferPointer(rebasing: scratch[0..<count])
            defer { SecureBytes.cleanse(plaintext) }
            try open(raw: sealed, context: context, into: plaintext)
            guard let text = String(validating: plaintext.assumingMemoryBound(to: UInt8.self), as: UTF8.self) else {
                throw CryptoError.invalidFormat("sealed text is not UTF-8")
            }
            return text
        }
    }
}
