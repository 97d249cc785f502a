import Foundation

/// Standard Webhooks signatures (standardwebhooks.com): HMAC-SHA256 over
/// `"{webhook-id}.{webhook-timestamp}.{body}"`, sent as `v1,<base64>` in `webhook-signature`,
/// space-separated when several secrets sign (during a rotation).
public enum WebhookSignature {
    /// How far a timestamp may be from now, either way, for ``verify(_:secrets:id:timestamp:body:now:)``.
    public static let tolerance: Int64 = 300

    /// `v1,<base64 HMAC>` for one secret.
    public static func sign(secret: WebhookSecret, id: String, timestamp: Int64, body: some ContiguousBytes) throws -> String {
        "v1," + Data(try mac(secret: secret, id: id, timestamp: timestamp, body: body)).base64EncodedString()
    }

    /// The `webhook-signature` header value: one `v1,` entry per secret, space-separated.
    public static func header(secrets: [WebhookSecret], id: String, timestamp: Int64, body: some ContiguousBytes) throws -> String {
        try secrets.map { try sign(secret: $0, id: id, timestamp: timestamp, body: body) }.joined(separator: " ")
    }

    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case timestampOutOfRange
        case noMatchingSignature

        public var description: String {
            switch self {
            case .timestampOutOfRange: return "the signature's timestamp is more than 5 minutes from now"
            case .noMatchingSignature: return "no signature in the header matches"
            }
        }
    }

    /// Checks a received `webhook-signature` header: the timestamp must be within 5 minutes of
    /// `now`, and some `v1,` entry must match one of `secrets` (compared in constant time).
    public static func verify(_ header: String, secrets: [WebhookSecret], id: String, timestamp: Int64, body: some ContiguousBytes,
                              now: Int64) throws {
        guard abs(now - timestamp) <= tolerance else { throw Failure.timestampOutOfRange }
        let received = header.split(separator: " ").compactMap { entry -> Data? in
            guard entry.hasPrefix("v1,") else { return nil }
            return Data(base64Encoded: String(entry.dropFirst(3)))
        }
        for secret in secrets {
            let expected = try mac(secret: secret, id: id, timestamp: timestamp, body: body)
            if received.contains(where: { ConstantTime.equals(expected, $0) }) { return }
        }
        throw Failure.noMatchingSignature
    }

    private static func mac(secret: WebhookSecret, id: String, timestamp: Int64, body: some ContiguousBytes) throws -> [UInt8] {
        var message = Array("\(id).\(timestamp).".utf8)
        body.withUnsafeBytes { message.append(contentsOf: $0) }
        return try HMACSHA256.authenticationCode(for: message, using: secret.key)
    }
}
