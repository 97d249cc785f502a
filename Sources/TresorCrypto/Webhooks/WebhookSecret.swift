import Foundation

/// A Standard Webhooks signing secret: `whsec_` followed by the standard base64 of the key bytes.
/// Shown to the endpoint's owner once, then stored sealed; never logged (its description is redacted).
public struct WebhookSecret: Sendable, Equatable, CustomStringConvertible {
    public static let prefix = "whsec_"
    /// Key length of newly generated secrets (the spec allows 24 to 64 bytes).
    public static let generatedByteCount = 32

    public let key: SecureBytes

    /// A new random secret.
    public static func generate() throws -> WebhookSecret {
        WebhookSecret(key: try SecureBytes.random(count: generatedByteCount))
    }

    public init(key: SecureBytes) {
        self.key = key
    }

    /// Parses `whsec_…`; the part after the prefix must be base64 of 24 to 64 bytes.
    public init(_ text: String) throws {
        guard text.hasPrefix(Self.prefix), let bytes = Data(base64Encoded: String(text.dropFirst(Self.prefix.count))),
              (24...64).contains(bytes.count) else {
            throw CryptoError.invalidFormat("a webhook secret is whsec_ followed by base64 of 24 to 64 bytes")
        }
        key = SecureBytes(copying: bytes)
    }

    /// The `whsec_…` text, to show once.
    public var text: String {
        key.withUnsafeBytes { Self.prefix + Data($0).base64EncodedString() }
    }

    public var description: String { "WebhookSecret(redacted)" }
}
