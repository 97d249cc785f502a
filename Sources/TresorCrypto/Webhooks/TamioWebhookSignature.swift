import Foundation

/// Tamio's webhook signature, for endpoints registered by a key in Tamio compatibility mode:
/// the header value `t=<unix seconds>,s=<signature>` that Tamio documents. Tamio's documents do not
/// give the signed string or the encoding, so Tresor fixes them (Docs/api.md "Compatibility mode"):
/// `s` is the lower-case hex HMAC-SHA256 of `"<t>.<raw body>"`, keyed with the endpoint's secret
/// exactly as it was shown (`whsec_…`, its UTF-8 bytes). During a secret rotation the header
/// carries one `s=` per secret.
public enum TamioWebhookSignature {
    /// The header value for `secrets` at `timestamp`.
    public static func header(secrets: [WebhookSecret], timestamp: Int64, body: some ContiguousBytes) throws -> String {
        var parts = ["t=\(timestamp)"]
        for secret in secrets {
            parts.append("s=" + (try mac(secret: secret, timestamp: timestamp, body: body)).hexString)
        }
        return parts.joined(separator: ",")
    }

    /// Checks a received header against `secrets`: its `t` must be within
    /// ``WebhookSignature/tolerance`` of `now` (Tamio refuses signatures older than 5 minutes), and
    /// some `s` must match (compared in constant time).
    public static func verify(_ header: String, secrets: [WebhookSecret], body: some ContiguousBytes, now: Int64) throws {
        var timestamp: Int64?
        var received: [[UInt8]] = []
        for part in header.split(separator: ",") {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("t=") {
                timestamp = Int64(trimmed.dropFirst(2))
            } else if trimmed.hasPrefix("s="), let bytes = [UInt8](hexString: String(trimmed.dropFirst(2))) {
                received.append(bytes)
            }
        }
        guard let timestamp else { throw WebhookSignature.Failure.noMatchingSignature }
        guard abs(now - timestamp) <= WebhookSignature.tolerance else { throw WebhookSignature.Failure.timestampOutOfRange }
        for secret in secrets {
            let expected = try mac(secret: secret, timestamp: timestamp, body: body)
            if received.contains(where: { ConstantTime.equals(expected, $0) }) { return }
        }
        throw WebhookSignature.Failure.noMatchingSignature
    }

    private static func mac(secret: WebhookSecret, timestamp: Int64, body: some ContiguousBytes) throws -> [UInt8] {
        var message = Array("\(timestamp).".utf8)
        body.withUnsafeBytes { message.append(contentsOf: $0) }
        var text = Array(secret.text.utf8)
        defer { text.withUnsafeMutableBytes { SecureBytes.cleanse($0) } }
        return try HMACSHA256.authenticationCode(for: message, using: SecureBytes(copying: text))
    }
}
