import Foundation
import TresorCrypto

/// Random identifiers for rows (events, deliveries, emails): hex digits from OpenSSL's generator.
package enum RandomID {
    /// `bytes` random bytes as lower-case hex digits.
    package static func hex(bytes: Int) -> String {
        (try? SecureBytes.random(count: bytes).withUnsafeBytes { Array($0).hexString }) ?? UUID().uuidString.lowercased()
    }
}
