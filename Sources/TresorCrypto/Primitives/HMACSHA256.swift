internal import COpenSSL
import Foundation

/// HMAC-SHA256 (RFC 2104, FIPS 198-1).
public enum HMACSHA256 {
    /// The MAC length in bytes.
    public static let byteCount = 32

    /// The HMAC-SHA256 of `message` under `key`.
    public static func authenticationCode(for message: some ContiguousBytes, using key: SecureBytes) throws -> [UInt8] {
        try key.withUnsafeBytes { try authenticationCode(for: message, rawKey: $0) }
    }

    /// True when `code` is the HMAC of `message` under `key`; compared in constant time.
    public static func isValid(_ code: some ContiguousBytes, for message: some ContiguousBytes, using key: SecureBytes) throws -> Bool {
        let expected = try authenticationCode(for: message, using: key)
        return ConstantTime.equals(expected, code)
    }

    static func authenticationCode(for message: some ContiguousBytes, rawKey: UnsafeRawBufferPointer) throws -> [UInt8] {
        var code = [UInt8](repeating: 0, count: byteCount)
        var length: UInt32 = 0
        // HMAC() wants a non-NULL key pointer even for an empty key.
        let emptyKey: [UInt8] = [0]
        let result = emptyKey.withUnsafeBytes { empty in
            message.withUnsafeBytes { input in
                HMAC(EVP_sha256(), rawKey.baseAddress ?? empty.baseAddress, Int32(rawKey.count),
                     input.baseAddress?.assumingMemoryBound(to: UInt8.self), input.count, &code, &length)
            }
        }
        guard result != nil, length == UInt32(byteCount) else { throw OpenSSLCall.failure("HMAC(SHA-256)") }
        return code
    }
}
