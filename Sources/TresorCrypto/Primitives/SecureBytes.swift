internal import COpenSSL
import Foundation

/// Secret key material that zeroes itself when its last copy goes away and never shows its bytes.
///
/// `SecureBytes` is a value type over one immutable heap buffer. The buffer is wiped with
/// `OPENSSL_cleanse` before it is freed, and `description`, `debugDescription` and `dump` print
/// only the length. Compare two values with `==`, which runs in constant time.
public struct SecureBytes: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let storage: Storage

    /// Copies `bytes` into secure storage. The caller remains responsible for its own copy.
    public init(copying bytes: some Sequence<UInt8>) {
        let array = Array(bytes)
        storage = Storage(count: array.count)
        array.withUnsafeBytes { source in
            if let base = source.baseAddress, source.count > 0 {
                storage.buffer.baseAddress!.copyMemory(from: base, byteCount: source.count)
            }
        }
    }

    /// Allocates `count` bytes and lets `initializer` fill them in place, so that the secret never
    /// exists outside secure storage.
    public init(count: Int, initializer: (UnsafeMutableRawBufferPointer) throws -> Void) rethrows {
        storage = Storage(count: count)
        try initializer(storage.buffer)
    }

    /// `count` bytes from OpenSSL's CSPRNG.
    public static func random(count: Int) throws -> SecureBytes {
        try SecureBytes(count: count) { try SecureRandom.fill($0) }
    }

    /// Overwrites `buffer` with zeros in a way the compiler cannot optimise away, for secrets
    /// that had to pass through ordinary memory (decoded text, file contents).
    public static func cleanse(_ buffer: UnsafeMutableRawBufferPointer) {
        if let base = buffer.baseAddress, buffer.count > 0 { OPENSSL_cleanse(base, buffer.count) }
    }

    /// The number of bytes.
    public var count: Int { storage.buffer.count }

    /// Gives `body` read access to the bytes. Do not let the pointer escape.
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(storage.buffer))
    }

    /// Constant-time equality (`CRYPTO_memcmp`); values of different lengths are unequal.
    public static func == (lhs: SecureBytes, rhs: SecureBytes) -> Bool {
        lhs.withUnsafeBytes { a in rhs.withUnsafeBytes { b in ConstantTime.equals(a, b) } }
    }

    public var description: String { "SecureBytes(\(count) bytes, redacted)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    /// The heap buffer; its only job is to wipe and free the bytes exactly once.
    private final class Storage: @unchecked Sendable {
        // Written only during `SecureBytes.init`, before the value is shared; read-only after.
        let buffer: UnsafeMutableRawBufferPointer

        init(count: Int) {
            buffer = .allocate(byteCount: max(count, 0), alignment: 16)
            if count > 0 { buffer.initializeMemory(as: UInt8.self, repeating: 0) }
        }

        deinit {
            if let base = buffer.baseAddress, buffer.count > 0 {
                OPENSSL_cleanse(base, buffer.count)
            }
            buffer.deallocate()
        }
    }
}

extension SecureBytes: ContiguousBytes {}
