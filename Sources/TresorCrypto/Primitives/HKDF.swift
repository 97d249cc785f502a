internal import COpenSSL
import Foundation

/// HKDF with SHA-256 (RFC 5869), extract-then-expand.
public enum HKDF {
    /// Derives `outputByteCount` bytes (at most 255 × 32) from `inputKeyMaterial`.
    public static func deriveKey(
        inputKeyMaterial: SecureBytes,
        salt: some ContiguousBytes,
        info: some ContiguousBytes,
        outputByteCount: Int
    ) throws -> SecureBytes {
        guard outputByteCount > 0, outputByteCount <= 255 * SHA256.byteCount else {
            throw CryptoError.invalidFormat("HKDF output length must be 1...\(255 * SHA256.byteCount) bytes")
        }
        let context = try OpenSSLCall.checkPointer(EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, nil), "EVP_PKEY_CTX_new_id(HKDF)")
        defer { EVP_PKEY_CTX_free(context) }
        try OpenSSLCall.check(EVP_PKEY_derive_init(context), "EVP_PKEY_derive_init")
        try OpenSSLCall.check(EVP_PKEY_CTX_set_hkdf_md(context, EVP_sha256()), "EVP_PKEY_CTX_set_hkdf_md")
        // An empty salt means "HashLen zero bytes" (RFC 5869 §2.2); OpenSSL wants a non-NULL pointer.
        var saltBytes = salt.withUnsafeBytes { Array($0) }
        let saltLength = Int32(saltBytes.count)
        if saltBytes.isEmpty { saltBytes = [0] }
        try OpenSSLCall.check(EVP_PKEY_CTX_set1_hkdf_salt(context, saltBytes, saltLength), "EVP_PKEY_CTX_set1_hkdf_salt")
        try inputKeyMaterial.withUnsafeBytes { bytes in
            try OpenSSLCall.check(
                EVP_PKEY_CTX_set1_hkdf_key(context, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), Int32(bytes.count)),
                "EVP_PKEY_CTX_set1_hkdf_key")
        }
        try info.withUnsafeBytes { bytes in
            guard bytes.count > 0 else { return }
            try OpenSSLCall.check(
                EVP_PKEY_CTX_add1_hkdf_info(context, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), Int32(bytes.count)),
                "EVP_PKEY_CTX_add1_hkdf_info")
        }
        return try SecureBytes(count: outputByteCount) { output in
            var length = output.count
            try OpenSSLCall.check(
                EVP_PKEY_derive(context, output.baseAddress?.assumingMemoryBound(to: UInt8.self), &length),
                "EVP_PKEY_derive(HKDF)")
            guard length == output.count else { throw CryptoError.invalidFormat("HKDF returned \(length) bytes") }
        }
    }
}
