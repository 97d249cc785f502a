internal import COpenSSL

/// The one place where OpenSSL return codes become Swift errors.
///
/// Every libcrypto call in TresorCrypto goes through ``check(_:_:)`` (or ``checkPointer(_:_:)``),
/// which drains OpenSSL's thread-local error queue into the thrown error so that a failure never
/// leaves stale entries behind for the next call to misreport.
enum OpenSSLCall {
    /// Throws ``CryptoError/openSSL(operation:reason:)`` unless `returnCode` is 1.
    @inline(__always)
    static func check(_ returnCode: Int32, _ operation: StaticString) throws {
        guard returnCode == 1 else { throw failure(operation) }
    }

    /// Returns `pointer`, or throws when OpenSSL returned NULL.
    @inline(__always)
    static func checkPointer<T>(_ pointer: T?, _ operation: StaticString) throws -> T {
        guard let pointer else { throw failure(operation) }
        return pointer
    }

    /// The error for a failed `operation`, with OpenSSL's error queue drained into its reason.
    static func failure(_ operation: StaticString) -> CryptoError {
        .openSSL(operation: "\(operation)", reason: drainErrorQueue())
    }

    /// Empties the calling thread's OpenSSL error queue and returns its messages, oldest first.
    static func drainErrorQueue() -> String {
        var messages: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            messages.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return messages.isEmpty ? "no detail from OpenSSL" : messages.joined(separator: "; ")
    }

    /// Discards whatever OpenSSL queued, for failures that are mapped to a specific error
    /// (a bad GCM tag is ``CryptoError/authenticationFailure``, not an OpenSSL failure).
    static func clearErrorQueue() {
        ERR_clear_error()
    }
}
