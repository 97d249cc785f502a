/// Errors raised by TresorCrypto.
///
/// A failed authentication tag is always ``authenticationFailure`` and never any other case, so
/// callers can tell tampering (or a wrong key or context) apart from malformed input and from
/// failures inside OpenSSL.
public enum CryptoError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The authentication tag did not verify: the data, its associated data, the key or the
    /// nonce differ from those used to seal it.
    case authenticationFailure
    /// A key had the wrong number of bytes.
    case invalidKeyLength(expected: Int, actual: Int)
    /// Input that is not in the expected format (too short, wrong lengths, bad encoding).
    case invalidFormat(String)
    /// A sealed value or wrapped key carries a format version this build does not know.
    case unsupportedFormatVersion(UInt8)
    /// A sealed field names a different data key from the one offered to open it.
    case keyMismatch
    /// A wrapped key names a master-key version that the keyring does not hold.
    case unknownMasterKeyVersion(UInt32)
    /// OpenSSL reported a failure; `operation` names the call, `reason` is OpenSSL's error queue.
    case openSSL(operation: String, reason: String)

    public var description: String {
        switch self {
        case .authenticationFailure:
            return "authentication failed: the data, its context or the key do not match"
        case let .invalidKeyLength(expected, actual):
            return "invalid key length: expected \(expected) bytes, got \(actual)"
        case let .invalidFormat(reason):
            return "invalid format: \(reason)"
        case let .unsupportedFormatVersion(version):
            return "unsupported format version \(version)"
        case .keyMismatch:
            return "the value was sealed under a different data key"
        case let .unknownMasterKeyVersion(version):
            return "master key version \(version) is not in the keyring"
        case let .openSSL(operation, reason):
            return "OpenSSL \(operation) failed: \(reason)"
        }
    }
}
