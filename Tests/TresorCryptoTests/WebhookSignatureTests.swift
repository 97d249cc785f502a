import Foundation
import Testing
import TresorCrypto

/// Standard Webhooks signatures against the reference libraries' test vectors
/// (shared/reference/standards.md).
@Suite("Standard Webhooks signatures")
struct WebhookSignatureTests {
    static let vectors: [(secret: String, id: String, timestamp: Int64, body: String, signature: String)] = [
        ("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1_614_265_330, #"{"test": 2432232314}"#,
         "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="),
        ("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD", "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk", 1_649_367_553,
         #"{"email":"test@example.com","username":"test_user"}"#, "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw="),
    ]

    @Test("both published vectors are signed exactly", arguments: 0..<2)
    func vectors(index: Int) throws {
        let vector = Self.vectors[index]
        let secret = try WebhookSecret(vector.secret)
        #expect(try WebhookSignature.sign(secret: secret, id: vector.id, timestamp: vector.timestamp, body: Array(vector.body.utf8)) == vector.signature)
        try WebhookSignature.verify("v1,bm90IGl0 " + vector.signature, secrets: [secret], id: vector.id, timestamp: vector.timestamp,
                                    body: Array(vector.body.utf8), now: vector.timestamp + 10)
    }

    @Test("verification refuses a changed body, an old timestamp and a wrong secret")
    func refusals() throws {
        let vector = Self.vectors[0]
        let secret = try WebhookSecret(vector.secret)
        #expect(throws: WebhookSignature.Failure.noMatchingSignature) {
            try WebhookSignature.verify(vector.signature, secrets: [secret], id: vector.id, timestamp: vector.timestamp,
                                        body: Array((vector.body + " ").utf8), now: vector.timestamp)
        }
        #expect(throws: WebhookSignature.Failure.timestampOutOfRange) {
            try WebhookSignature.verify(vector.signature, secrets: [secret], id: vector.id, timestamp: vector.timestamp,
                                        body: Array(vector.body.utf8), now: vector.timestamp + 301)
        }
        #expect(throws: WebhookSignature.Failure.noMatchingSignature) {
            try WebhookSignature.verify(vector.signature, secrets: [try WebhookSecret.generate()], id: vector.id, timestamp: vector.timestamp,
                                        body: Array(vector.body.utf8), now: vector.timestamp)
        }
    }

    @Test("a rotation signs with both secrets; either verifies; secrets round-trip and refuse bad text")
    func rotation() throws {
        let old = try WebhookSecret.generate(), new = try WebhookSecret.generate()
        let header = try WebhookSignature.header(secrets: [new, old], id: "msg_1", timestamp: 1_800_000_000, body: Array("{}".utf8))
        #expect(header.split(separator: " ").count == 2)
        try WebhookSignature.verify(header, secrets: [old], id: "msg_1", timestamp: 1_800_000_000, body: Array("{}".utf8), now: 1_800_000_000)
        #expect(try WebhookSecret(new.text) == new)
        #expect(new.text.hasPrefix("whsec_"))
        #expect("\(new)" == "WebhookSecret(redacted)")
        #expect(throws: CryptoError.self) { try WebhookSecret("whsec_c2hvcnQ=") }
        #expect(throws: CryptoError.self) { try WebhookSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") }
    }
}
