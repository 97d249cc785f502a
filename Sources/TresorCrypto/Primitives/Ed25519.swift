internal import COpenSSL
import Foundation

/// An Ed25519 signing key (RFC 8032), held as its 32-byte seed.
public struct Ed25519PrivateKey: Sendable {
    /// The 32-byte seed from which the key pair is derived. Secret.
    public let seed: SecureBytes
    /// The matching public key.
    public let publicKey: Ed25519PublicKey

    /// A new random key.
    public init() throws {
        try self.init(seed: SecureBytes.random(count: 32))
    }

    /// The key for a 32-byte seed (RFC 8032 calls it the private key).
    public init(seed: SecureBytes) throws {
        guard seed.count == 32 else { throw CryptoError.invalidKeyLength(expected: 32, actual: seed.count) }
        self.seed = seed
        let key = try PrivateKeyHandle(seed: seed)
        var raw = [UInt8](repeating: 0, count: 32)
        var length = raw.count
        try OpenSSLCall.check(EVP_PKEY_get_raw_public_key(key.pointer, &raw, &length), "EVP_PKEY_get_raw_public_key")
        publicKey = try Ed25519PublicKey(rawRepresentation: raw)
    }

    /// The 64-byte Ed25519 signature of `message`.
    public func signature(for message: some ContiguousBytes) throws -> [UInt8] {
        let key = try PrivateKeyHandle(seed: seed)
        let digestContext = try OpenSSLCall.checkPointer(EVP_MD_CTX_new(), "EVP_MD_CTX_new")
        defer { EVP_MD_CTX_free(digestContext) }
        try OpenSSLCall.check(EVP_DigestSignInit(digestContext, nil, nil, nil, key.pointer), "EVP_DigestSignInit")
        var signature = [UInt8](repeating: 0, count: 64)
        var length = signature.count
        try message.withUnsafeBytes { input in
            try OpenSSLCall.check(
                EVP_DigestSign(digestContext, &signature, &length, input.baseAddress?.assumingMemoryBound(to: UInt8.self), input.count),
                "EVP_DigestSign(Ed25519)")
        }
        return signature
    }
}

/// An Ed25519 public key: what an auditor needs to check signatures, and nothing secret.
public struct Ed25519PublicKey: Sendable, Hashable {
    /// The 32-byte encoded point.
    public let rawRepresentation: [UInt8]

    public init(rawRepresentation: [UInt8]) throws {
        guard rawRepresentation.count == 32 else {
            throw CryptoError.invalidKeyLength(expected: 32, actual: rawRepresentation.count)
        }
        self.rawRepresentation = rawRepresentation
    }

    /// True when `signature` is a valid signature of `message` under this key.
    public func isValidSignature(_ signature: some ContiguousBytes, for message: some ContiguousBytes) -> Bool {
        guard let key = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, rawRepresentation, rawRepresentation.count) else {
            OpenSSLCall.clearErrorQueue()
            return false
        }
        defer { EVP_PKEY_free(key) }
        guard let digestContext = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(digestContext) }
        guard EVP_DigestVerifyInit(digestContext, nil, nil, nil, key) == 1 else {
            OpenSSLCall.clearErrorQueue()
            return false
        }
        let result = signature.withUnsafeBytes { signature in
            message.withUnsafeBytes { message in
                EVP_DigestVerify(digestContext,
                                 signature.baseAddress?.assumingMemoryBound(to: UInt8.self), signature.count,
                                 message.baseAddress?.assumingMemoryBound(to: UInt8.self), message.count)
            }
        }
        OpenSSLCall.clearErrorQueue()
        return result == 1
    }
}

/// An `EVP_PKEY` for an Ed25519 private key, freed (and wiped by OpenSSL) with its owner.
private final class PrivateKeyHandle {
    let pointer: OpaquePointer

    init(seed: SecureBytes) throws {
        pointer = try seed.withUnsafeBytes { seed in
            try OpenSSLCall.checkPointer(
                EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nil, seed.baseAddress?.assumingMemoryBound(to: UInt8.self), seed.count),
                "EVP_PKEY_new_raw_private_key(Ed25519)")
        }
    }

    deinit { EVP_PKEY_free(pointer) }
}
