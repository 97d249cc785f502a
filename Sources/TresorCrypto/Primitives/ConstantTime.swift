internal import COpenSSL
import Foundation

/// Comparison of secrets in time that does not depend on where they differ.
public enum ConstantTime {
    /// True when both buffers have the same length and the same bytes (`CRYPTO_memcmp`).
    /// The length itself is not treated as secret.
    public static func equals(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> Bool {
        guard lhs.count == rhs.count else { return false }
        guard lhs.count > 0, let a = lhs.baseAddress, let b = rhs.baseAddress else { return true }
        return CRYPTO_memcmp(a, b, lhs.count) == 0
    }

    /// True when both byte sequences are equal, compared in constant time.
    public static func equals(_ lhs: some ContiguousBytes, _ rhs: some ContiguousBytes) -> Bool {
        lhs.withUnsafeBytes { a in rhs.withUnsafeBytes { b in equals(a, b) } }
    }
}
