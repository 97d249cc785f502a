internal import COpenSSL

/// SHA-256 for hashing many small inputs in a loop (the access log's chain): one digest context
/// and one fetched algorithm reused, where ``SHA256/hash(_:)`` sets both up on every call.
///
/// Not `Sendable`: each task that hashes makes its own.
public final class SHA256Hasher {
    /// The fetched implementation, shared: OpenSSL's algorithm objects are immutable once fetched.
    nonisolated(unsafe) private static let algorithm: OpaquePointer? = EVP_MD_fetch(nil, "SHA256", nil)
    private let context: OpaquePointer

    public init() throws {
        guard Self.algorithm != nil else { throw OpenSSLCall.failure("EVP_MD_fetch(SHA256)") }
        context = try OpenSSLCall.checkPointer(EVP_MD_CTX_new(), "EVP_MD_CTX_new")
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Writes `SHA-256(first ‖ second)` into `digest` (32 bytes).
    public func hash(_ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer, into digest: UnsafeMutableRawBufferPointer) throws {
        precondition(digest.count >= SHA256.byteCount, "a SHA-256 digest needs 32 bytes")
        var length: UInt32 = 0
        try OpenSSLCall.check(EVP_DigestInit_ex2(context, Self.algorithm, nil), "EVP_DigestInit_ex2(SHA-256)")
        try OpenSSLCall.check(EVP_DigestUpdate(context, first.baseAddress, first.count), "EVP_DigestUpdate")
        try OpenSSLCall.check(EVP_DigestUpdate(context, second.baseAddress, second.count), "EVP_DigestUpdate")
        try OpenSSLCall.check(EVP_DigestFinal_ex(context, digest.baseAddress?.assumingMemoryBound(to: UInt8.self), &length), "EVP_DigestFinal_ex")
    }

    /// `SHA-256(first ‖ second)`.
    public func hash(_ first: [UInt8], _ second: [UInt8]) throws -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: SHA256.byteCount)
        try first.withUnsafeBytes { first in
            try second.withUnsafeBytes { second in
                try digest.withUnsafeMutableBytes { try hash(first, second, into: $0) }
            }
        }
        return digest
    }
}
