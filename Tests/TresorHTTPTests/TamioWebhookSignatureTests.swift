import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import TresorCrypto
import TresorJobs
import TresorModel
import TresorStore
import TresorTestSupport

/// Tamio's webhook signature for endpoints of keys in Tamio compatibility mode: chosen at
/// registration, sent beside the Standard Webhooks headers, checked by Python's `hmac` as a
/// receiver would, and by `verify-signature` with Tamio's failure body.
@Suite("Tamio webhook signatures")
struct TamioWebhookSignatureTests {
    static var endpointBody: [String: Any] { ["url": "https://hooks.example.de/tamio", "events": ["customer-created"], "tamio_signature": true] }

    @Test("only a key in Tamio mode may ask for it; the header defaults to Tamio-Signature and must be a free header name")
    func registration() async throws {
        let fixture = try await HTTPFixture()
        let tamio = try await fixture.store.apiKeys.create(name: "old sync", roleName: "admin", reach: .all, compatibility: .tamio).secret
        try await fixture.test { client in
            let refused = try await client.call(.post, "/v2/webhook-endpoints", key: fixture.keys["admin"]!, json: Self.endpointBody)
            #expect(refused.status == 422 && refused.body["param"] as? String == "tamio_signature", "\(refused.body)")
            let created = try await client.call(.post, "/v2/webhook-endpoints", key: tamio, json: Self.endpointBody)
            #expect((created.body["webhook_endpoint"] as? [String: Any])?["tamio_signature_header"] as? String == "Tamio-Signature", "\(created.body)")
            var named = Self.endpointBody
            named["tamio_signature_header"] = "X-Signature"
            let custom = try await client.call(.post, "/v2/webhook-endpoints", key: tamio, json: named)
            #expect((custom.body["webhook_endpoint"] as? [String: Any])?["tamio_signature_header"] as? String == "X-Signature")
            for bad in ["webhook-signature", "X Signature", "", "Tamio-Signature-\(String(repeating: "x", count: 60))"] {
                named["tamio_signature_header"] = bad
                let answer = try await client.call(.post, "/v2/webhook-endpoints", key: tamio, json: named)
                #expect(answer.status == 400 && answer.body["error_code"] as? Int == 422, "\(bad): Tamio mode answers 400: \(answer.body)")
            }
            var without = Self.endpointBody
            without["tamio_signature"] = false
            without["tamio_signature_header"] = "X-Signature"
            #expect(try await client.call(.post, "/v2/webhook-endpoints", key: tamio, json: without).status == 400)
            let plain = try await client.call(.post, "/v2/webhook-endpoints", key: fixture.keys["admin"]!,
                                              json: ["url": "https://hooks.example.de/plain", "events": ["customer-created"]])
            #expect((plain.body["webhook_endpoint"] as? [String: Any])?["tamio_signature_header"] is NSNull, "\(plain.body)")
        }
    }

    @Test("a delivery carries both signatures; Python's hmac checks Tamio's as a receiver would; verify-signature takes it, with Tamio's failure body")
    func deliveryAndVerification() async throws {
        let receiver = WebhookDeliveryTests.Receiver()
        try await receiver.listening { url in
            let fixture = try await HTTPFixture()
            let store = fixture.store
            let (endpoint, secret) = try await store.webhookEndpoints.create(
                name: "Old CRM", url: url, events: [.customerCreated],
                country: CountryCode("DE")!, transferBasis: nil, payload: .minimal, tamioSignatureHeader: "Tamio-Signature", roleName: nil)
            let record = AccessRecord(actor: AccessActor(kind: .system, id: "test", name: "test"), action: "customer.create", purpose: "testing", requestID: "test")
            _ = try await store.createCustomer(CustomerDraft(name: "Rita", email: "rita@example.de", country: "DE"), recording: record)
            let service = WebhookDeliveryService(outbox: store.outbox, endpoints: store.webhookEndpoints, residency: .builtIn,
                                                 destinations: .development, logger: Logger(label: "test"))
            let deliveredCount = try await service.deliverDue()
            try await service.shutdown()
            #expect(deliveredCount == 1)
            let delivered = try #require(receiver.received.last)
            let header = try #require(delivered.headers[HTTPField.Name("tamio-signature")!])
            #expect(delivered.headers[HTTPField.Name("webhook-signature")!]?.hasPrefix("v1,") == true, "Standard Webhooks stays")

            // An independent check: what a Python receiver computes from the secret it was shown.
            let script = """
                import hashlib, hmac, sys
                secret, header, body = sys.argv[1], sys.argv[2], open(sys.argv[3], 'rb').read()
                parts = dict(p.split('=', 1) for p in header.split(','))
                expected = hmac.new(secret.encode(), parts['t'].encode() + b'.' + body, hashlib.sha256).hexdigest()
                print('valid' if hmac.compare_digest(expected, parts['s']) else 'invalid')
                """
            let bodyFile = FileManager.default.temporaryDirectory.appendingPathComponent("tamio-body-\(UUID().uuidString)")
            try Data(delivered.body).write(to: bodyFile)
            defer { try? FileManager.default.removeItem(at: bodyFile) }
            let python = try ChildProcess.run("python3", ["-c", script, secret.text, header, bodyFile.path])
            #expect(python.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "valid", "\(python.standardError)")
            let forged = try ChildProcess.run("python3", ["-c", script, try WebhookSecret.generate().text, header, bodyFile.path])
            #expect(forged.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "invalid")

            let tamio = try await store.apiKeys.create(name: "old sync", roleName: "admin", reach: .all, compatibility: .tamio).secret
            try await fixture.test { client in
                func verify(_ body: [UInt8], signature: String, key: String) async throws -> APIResult {
                    var headers: HTTPFields = [.authorization: "Bearer \(key)", .contentType: "application/json"]
                    headers[HTTPField.Name("tamio-signature")!] = signature
                    return try await client.execute(uri: "/v2/webhook-endpoints/verify-signature?endpoint_id=\(endpoint.id.uuidString.lowercased())",
                                                    method: .post, headers: headers, body: ByteBuffer(bytes: body)) { response in
                        APIResult(status: response.status.code,
                                  body: (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:],
                                  headers: response.headers)
                    }
                }
                let valid = try await verify(delivered.body, signature: header, key: tamio)
                #expect(valid.status == 200 && valid.body["valid"] as? Bool == true, "\(valid.body)")
                let changed = try await verify(delivered.body + Array(" ".utf8), signature: header, key: tamio)
                #expect(changed.status == 400, "\(changed.body)")
                #expect(Set(changed.body.keys) == ["status", "valid", "errors"] && changed.body["valid"] as? Bool == false
                        && changed.body["errors"] as? [String] == ["invalid payload"], "exactly Tamio's failure body: \(changed.body)")
                let standard = try await verify(delivered.body + Array(" ".utf8), signature: header, key: fixture.keys["admin"]!)
                #expect(standard.status == 400 && standard.body["type"] as? String == "about:blank", "a standard key gets a problem: \(standard.body)")
                let old = "t=\(Int64(Date().timeIntervalSince1970) - 600)," + header.split(separator: ",").dropFirst().joined(separator: ",")
                #expect(try await verify(delivered.body, signature: old, key: tamio).status == 400, "older than 5 minutes")
            }
        }
    }
}
