internal import COpenSSL
import Foundation
import NIOConcurrencyHelpers
import Synchronization

/// AES-256-GCM authenticated encryption with a 96-bit nonce and a 128-bit tag.
///
/// An instance holds one key. It keeps OpenSSL cipher contexts on which the key schedule has
/// already been set up, so that sealing a short field costs one IV set-up and the GCM passes,
/// not a context allocation, a cipher fetch and a key expansion. Instances are safe to share
/// between threads: each call takes a context for its duration, the primary one when it is
/// free (an atomic flag), else one from a small locked pool.
public final class AES256GCM: Sendable, CustomStringConvertible, CustomReflectable {
    /// Key length in bytes.
    public static let keyByteCount = 32
    /// Nonce length in bytes (96 bits, the size GCM is designed for).
    public static let nonceByteCount = 12
    /// Tag length in bytes.
    public static let tagByteCount = 16

    private static let maximumPooledContexts = 16

    private let key: SecureBytes
    /// The context most calls use: taken with one atomic exchange, no lock.
    private let primary: CipherContext
    private let primaryInUse = Atomic<Bool>(false)
    /// Further contexts for calls that overlap on other threads.
    private let pool = NIOLockedValueBox<[CipherContext]>([])

    public var description: String { "AES256GCM(key redacted)" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .class) }

    /// Creates a cipher for a 32-byte key.
    public init(key: SecureBytes) throws {
        guard key.count == Self.keyByteCount else {
            throw CryptoError.invalidKeyLength(expected: Self.keyByteCount, actual: key.count)
        }
        self.key = key
        primary = try CipherContext(key: key)
    }

    /// Encrypts `plaintext` under a fresh random nonce and authenticates it together with `aad`.
    public func seal(_ plaintext: some ContiguousBytes, authenticating aad: some ContiguousBytes = [UInt8]()) throws -> SealedBox {
        try seal(plaintext, nonce: NonceSource.next(), authenticating: aad)
    }

    /// Decrypts `box` and checks its tag against the ciphertext and `aad`.
    /// - Throws: ``CryptoError/authenticationFailure`` when anything was changed.
    public func open(_ box: SealedBox, authenticating aad: some ContiguousBytes = [UInt8]()) throws -> [UInt8] {
        var plaintext = [UInt8](repeating: 0, count: box.ciphertext.count)
        try box.nonce.withUnsafeBytes { nonce in
            try box.ciphertext.withUnsafeBytes { ciphertext in
                try box.tag.withUnsafeBytes { tag in
                    try aad.withUnsafeBytes { aad in
                        try plaintext.withUnsafeMutableBytes { output in
                            try open(ciphertext: ciphertext, nonce: nonce, aad: aad, tag: tag, into: output)
                        }
                    }
                }
            }
        }
        return plaintext
    }

    /// Seals with a caller-chosen nonce. Only known-answer tests may choose nonces: reusing a
    /// nonce under one key destroys GCM's confidentiality and authenticity.
    internal func seal(_ plaintext: some ContiguousBytes, nonce: [UInt8], authenticating aad: some ContiguousBytes) throws -> SealedBox {
        var ciphertext: [UInt8] = []
        var tag = [UInt8](repeating: 0, count: Self.tagByteCount)
        try plaintext.withUnsafeBytes { input in
            ciphertext = [UInt8](repeating: 0, count: input.count)
            try nonce.withUnsafeBytes { nonce in
                try aad.withUnsafeBytes { aad in
                    try ciphertext.withUnsafeMutableBytes { output in
                        try tag.withUnsafeMutableBytes { tagOutput in
                            try seal(plaintext: input, nonce: nonce, aad: aad, into: output, tag: tagOutput)
                        }
                    }
                }
            }
        }
        return SealedBox(nonce: nonce, ciphertext: ciphertext, tag: tag)
    }

    /// Seals into caller-provided buffers: `ciphertext` must be as long as `plaintext`, `tag`
    /// 16 bytes. Used by the field and key-wrapping formats to avoid intermediate copies.
    internal func seal(
        plaintext: UnsafeRawBufferPointer, nonce: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer,
        into ciphertext: UnsafeMutableRawBufferPointer, tag: UnsafeMutableRawBufferPointer
    ) throws {
        precondition(ciphertext.count == plaintext.count && tag.count == Self.tagByteCount)
        guard nonce.count == Self.nonceByteCount else {
            throw CryptoError.invalidFormat("nonce must be \(Self.nonceByteCount) bytes")
        }
        try withContext { context in
            try context.start(nonce: nonce, encrypting: true)
            try context.authenticate(aad)
            let written = try context.update(plaintext, into: ciphertext)
            guard context.finish(ciphertext, offset: written) else { throw OpenSSLCall.failure("EVP_CipherFinal_ex(seal)") }
            try context.readTag(into: tag)
        }
    }

    /// Opens into a caller-provided buffer as long as `ciphertext`. On failure the buffer is zeroed.
    internal func open(
        ciphertext: UnsafeRawBufferPointer, nonce: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer,
        tag: UnsafeRawBufferPointer, into plaintext: UnsafeMutableRawBufferPointer
    ) throws {
        precondition(plaintext.count == ciphertext.count)
        guard nonce.count == Self.nonceByteCount else {
            throw CryptoError.invalidFormat("nonce must be \(Self.nonceByteCount) bytes")
        }
        guard tag.count == Self.tagByteCount else {
            throw CryptoError.invalidFormat("tag must be \(Self.tagByteCount) bytes")
        }
        try withContext { context in
            try context.start(nonce: nonce, encrypting: false)
            try context.authenticate(aad)
            let written = try context.update(ciphertext, into: plaintext)
            try context.expectTag(tag)
            guard context.finish(plaintext, offset: written) else {
                OpenSSLCall.clearErrorQueue()
                SecureBytes.cleanse(plaintext)
                throw CryptoError.authenticationFailure
            }
        }
    }

    private func withContext<Result>(_ body: (CipherContext) throws -> Result) throws -> Result {
        if primaryInUse.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged {
            defer { primaryInUse.store(false, ordering: .releasing) }
            return try body(primary)
        }
        let context = try pool.withLockedValue { $0.popLast() } ?? CipherContext(key: key)
        defer {
            pool.withLockedValue { contexts in
                if contexts.count < Self.maximumPooledContexts { contexts.append(context) }
            }
        }
        return try body(context)
    }
}

extension AES256GCM {
    /// A nonce, ciphertext and tag, as produced by ``AES256GCM/seal(_:authenticating:)``.
    public struct SealedBox: Sendable, Equatable {
        public let nonce: [UInt8]
        public let ciphertext: [UInt8]
        public let tag: [UInt8]

        public init(nonce: [UInt8], ciphertext: [UInt8], tag: [UInt8]) {
            self.nonce = nonce
            self.ciphertext = ciphertext
            self.tag = tag
        }

        /// Parses `nonce ‖ ciphertext ‖ tag`.
        public init(combined: [UInt8]) throws {
            guard combined.count >= AES256GCM.nonceByteCount + AES256GCM.tagByteCount else {
                throw CryptoError.invalidFormat("sealed box shorter than nonce and tag")
            }
            nonce = Array(combined.prefix(AES256GCM.nonceByteCount))
            ciphertext = Array(combined.dropFirst(AES256GCM.nonceByteCount).dropLast(AES256GCM.tagByteCount))
            tag = Array(combined.suffix(AES256GCM.tagByteCount))
        }

        /// `nonce ‖ ciphertext ‖ tag`.
        public var combined: [UInt8] { nonce + ciphertext + tag }
    }
}
