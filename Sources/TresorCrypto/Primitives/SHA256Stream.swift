internal import COpenSSL
import Foundation

/// SHA-256 over data that arrives in pieces (a file written or read in chunks).
///
/// Not `Sendable`: one per stream.
public final class SHA256Stream {
    private let context: OpaquePointer
    private var finished = false

    public init() throws {
        context = try OpenSSLCall.checkPointer(EVP_MD_CTX_new(), "EVP_MD_CTX_new")
        try OpenSSLCall.check(EVP_DigestInit_ex(context, EVP_sha256(), nil), "EVP_DigestInit_ex(SHA-256)")
    }

    deinit { EVP_MD_CTX_free(context) }

    public func update(_ data: some ContiguousBytes) throws {
        precondition(!finished, "update after finalize")
        try data.withUnsafeBytes { try OpenSSLCall.check(EVP_DigestUpdate(context, $0.baseAddress, $0.count), "EVP_DigestUpdate") }
    }

    /// The digest of everything passed to ``update(_:)``; the stream cannot be updated afterwards.
    public func finalize() throws -> [UInt8] {
        precondition(!finished, "finalize called twice")
        finished = true
        var digest = [UInt8](repeating: 0, count: SHA256.byteCount)
        var length: UInt32 = 0
        try OpenSSLCall.check(EVP_DigestFinal_ex(context, &digest, &length), "EVP_DigestFinal_ex")
        return digest
    }
}
