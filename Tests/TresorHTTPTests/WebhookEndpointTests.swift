import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TresorCompliance
import TresorCrypto
import TresorModel
import TresorStore

/// `/v2/webhook-endpoints`: registration with the transfer check, the secret shown once, rotation,
/// Tamio's verify-signature, the outbox written with each change, and the deliveries view.
@Suite("webhook endpoints")
struct WebhookEndpointTests {
    static var body: [String: Any] { ["url": "https://hooks.example.de/tresor", "events": ["customer-created", "customer-updated"], "country": "de"] }

    @Test("an endpoint is created with a whsec_ secret shown once; lists and retrieves never show it")
    func createListRetrieve() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            let created = try await client.call(.post, "/v2/webhook-endpoints", key: admin, json: Self.body)
            #expect(created.status == 200)
            let endpoint = try #require(created.body["webhook_endpoint"] as? [String: Any])
            let secret = try #require(endpoint["secret"] as? String)
            #expect(try WebhookSecret(secret).text == secret)
            #expect(endpoint["payload"] as? String == "minimal")
            #expect(endpoint["status"] as? String == "enabled")
            let id = try #require(endpoint["id"] as? String)
            let listed = try await client.call(.get, "/v2/webhook-endpoints", key: admin)
            #expect((listed.body["data"] as? [[String: Any]])?.count == 1)
            #expect((listed.body["data"] as? [[String: Any]])?.first?["secret"] == nil)
            let retrieved = try await client.call(.get, "/v2/webhook-endpoints/\(id)", key: admin)
            #expect((retrieved.body["webhook_endpoint"] as? [String: Any])?["secret"] == nil)
            #expect(try await client.call(.get, "/v2/webhook-endpoints/\(UUID())", key: admin).status == 404)
            #expect(try await client.call(.post, "/v2/webhook-endpoints", key: fixture.keys["integration"]!, json: Self.body).status == 403)
            #expect(try await client.call(.delete, "/v2/webhook-endpoints/\(id)", key: admin).status == 200)
            #expect(try await client.call(.get, "/v2/webhook-endpoints/\(id)", key: admin).status == 404)

            // A name for people: kept and shown; a bad one is refused naming the field.
            var named = Self.body
            named["name"] = "  Lager-System "
            let withName = try await client.call(.post, "/v2/webhook-endpoints", key: admin, json: named)
            #expect((withName.body["webhook_endpoint"] as? [String: Any])?["name"] as? String == "Lager-System")
            #expect((created.body["webhook_endpoint"] as? [String: Any])?["name"] is NSNull)
            for bad in ["", "Lager\u{7}System", String(repeating: "x", count: 101)] {
                named["name"] = bad
                let refused = try await client.call(.post, "/v2/webhook-endpoints", key: admin, json: named)
                #expect(refused.status == 422 && refused.body["param"] as? String == "name", "\(bad.debugDescription): \(refused.body)")
            }
        }
    }

    @Test("bad input names the field", arguments: [
        (#"{"url":"http://hooks.example.de/x","events":["customer-created"],"country":"de"}"#, "url"),
        (#"{"url":"https://user:pw@hooks.example.de/x","events":["customer-created"],"country":"de"}"#, "url"),
        (#"{"url":"https://hooks.example.de/x","events":[],"country":"de"}"#, "events"),
        (#"{"url":"https://hooks.example.de/x","events":["customer.created"],"country":"de"}"#, "events[0]"),
        (#"{"url":"https://hooks.example.de/x","events":["customer-created"],"country":"xx"}"#, "country"),
        (#"{"url":"https://hooks.example.de/x","events":["customer-created"],"country":"de","payload":"all"}"#, "payload"),
        (#"{"url":"https://hooks.example.de/x","events":["customer-created"],"country":"de","secret":"mine"}"#, "secret"),
    ])
    func badInput(body: String, field: String) async throws {
        let fixture = try await HTTPFixture()
        try await fixture.test { client in
            let result = try await client.call(.post, "/v2/webhook-endpoints", key: fixture.keys["admin"]!, raw: body)
            #expect(result.status == 422)
            #expect(result.body["param"] as? String == field)
        }
    }

    @Test("a US endpoint without a recorded transfer basis gets 422 naming the policy; with one it is accepted and records it")
    func transferCheck() async throws {
        // The receiver's country comes from the host's entry in residency.yaml (issue 21).
        @Sendable func body(_ country: String, basis: String? = nil) -> [String: Any] {
            var body = Self.body
            body["url"] = "https://hooks.example.\(country)/tresor"
            body["country"] = country
            if let basis { body["transfer_basis"] = basis }
            return body
        }
        let refusing = try await HTTPFixture()
        try await refusing.test { client in
            let refused = try await client.call(.post, "/v2/webhook-endpoints", key: refusing.keys["admin"]!, json: body("us"))
            #expect(refused.status == 422)
            #expect(refused.body["param"] as? String == "country")
            #expect((refused.body["detail"] as? String ?? "").contains("residency.yaml"))
            #expect(try await client.call(.post, "/v2/webhook-endpoints", key: refusing.keys["admin"]!, json: body("ch")).status == 200)
        }

        let basis = "standard contractual clauses (Commission Decision 2021/914), signed 2026-01-15"
        let policy = try ResidencyPolicy(text: HTTPFixture.residencyText.replacingOccurrences(
            of: "transfer_bases: []", with: "transfer_bases:\n  - country: US\n    basis: \"\(basis)\""))
        let accepting = try await HTTPFixture(residency: policy)
        try await accepting.test { client in
            let accepted = try await client.call(.post, "/v2/webhook-endpoints", key: accepting.keys["admin"]!, json: body("us"))
            #expect(accepted.status == 200)
            #expect((accepted.body["webhook_endpoint"] as? [String: Any])?["transfer_basis"] as? String == basis)
            let mismatch = try await client.call(.post, "/v2/webhook-endpoints", key: accepting.keys["admin"]!, json: body("us", basis: "consent"))
            #expect(mismatch.status == 422)
            #expect(mismatch.body["param"] as? String == "transfer_basis")
        }
    }

    @Test("verify-signature accepts a valid signature, refuses a changed body with Tamio's shape; rotation keeps the old secret signing")
    func verifySignatureAndRotation() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            let created = try await client.call(.post, "/v2/webhook-endpoints", key: admin, json: Self.body)
            let endpoint = try #require(created.body["webhook_endpoint"] as? [String: Any])
            let id = try #require(endpoint["id"] as? String)
            let oldSecret = try WebhookSecret(try #require(endpoint["secret"] as? String))
            let payload = #"{"event_type":"customer-created","endpoint_id":"\#(id)"}"#
            let now = Int64(Date().timeIntervalSince1970)

            func verify(_ body: String, signedWith secret: WebhookSecret, timestamp: Int64 = now) async throws -> APIResult {
                let signature = try WebhookSignature.sign(secret: secret, id: "msg_test", timestamp: timestamp, body: Array(payload.utf8))
                var headers: HTTPFields = [.authorization: "Bearer \(admin)", .contentType: "application/json"]
                headers[HTTPField.Name("webhook-id")!] = "msg_test"
                headers[HTTPField.Name("webhook-timestamp")!] = String(timestamp)
                headers[HTTPField.Name("webhook-signature")!] = signature
                return try await client.execute(uri: "/v2/webhook-endpoints/verify-signature", method: .post, headers: headers,
                                                body: ByteBuffer(string: body)) { response in
                    APIResult(status: response.status.code,
                              body: (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:],
                              headers: response.headers)
                }
            }
            let valid = try await verify(payload, signedWith: oldSecret)
            #expect(valid.status == 200)
            #expect(valid.body["valid"] as? Bool == true)
            let changed = try await verify(payload.replacingOccurrences(of: "created", with: "removed"), signedWith: oldSecret)
            #expect(changed.status == 400)
            #expect(changed.body["valid"] as? Bool == false)
            #expect(changed.body["error"] as? String == "invalid payload")
            #expect(try await verify(payload, signedWith: oldSecret, timestamp: now - 600).status == 400)

            let rotated = try await client.call(.post, "/v2/webhook-endpoints/\(id)/rotate-secret", key: admin)
            let newSecret = try WebhookSecret(try #require((rotated.body["webhook_endpoint"] as? [String: Any])?["secret"] as? String))
            #expect(newSecret != oldSecret)
            #expect(try await verify(payload, signedWith: newSecret).status == 200)
            #expect(try await verify(payload, signedWith: oldSecret).status == 200, "the old secret signs for 24 hours")
            #expect(try await verify(payload, signedWith: try WebhookSecret.generate()).status == 400)
        }
    }

    @Test("each change writes one event per customer to the outbox, in the change's transaction; deliveries are listed with their attempts")
    func outboxAndDeliveries() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            let endpoint = try await client.call(.post, "/v2/webhook-endpoints", key: admin, json: [
                "url": "https://hooks.example.de/tresor", "events": ["customer-created", "customer-updated", "customer-removed"],
                "country": "de", "payload": "full",
            ])
            let endpointID = try #require((endpoint.body["webhook_endpoint"] as? [String: Any])?["id"] as? String)
            let a = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody("A", email: "a@example.de")).customerID
            _ = try await client.call(.post, "/v2/customers/update/\(a)", key: admin, json: ["name": "A2"])
            _ = try await client.call(.post, "/v2/customers/update/\(a)", key: admin, json: ["name": "A2"]) // no change: no event
            let bulk = try await client.call(.post, "/v2/customers/bulk/create", key: admin,
                                             json: ["customers": [customerBody("B", email: "b@example.de"), customerBody("C", email: "c@example.de")]])
            let bulkIDs = bulk.body["customers"] as? [String] ?? []
            _ = try await client.call(.post, "/v2/customers/bulk/delete", key: admin, json: ["customers": bulkIDs])

            let page = try await client.call(.get, "/v2/webhook-endpoints/\(endpointID)/deliveries?limit=100", key: admin)
            let deliveries = (page.body["data"] as? [[String: Any]] ?? []).reversed()
            #expect(deliveries.map { $0["event_type"] as? String ?? "" } ==
                    ["customer-created", "customer-updated", "customer-created", "customer-created", "customer-removed", "customer-removed"])
            #expect(deliveries.allSatisfy { $0["status"] as? String == "pending" && ($0["id"] as? String ?? "").hasPrefix("msg_") })

            let due = try await fixture.store.outbox.dueDeliveries(limit: 10)
            #expect(due.count == 3, "one per customer: A's update waits behind its create, B's and C's removals behind their creates")
            let first = try #require(due.first { $0.delivery.customerID.uuidString.lowercased() == a })
            #expect(first.customer?.name == "A", "the snapshot is the customer as created")
            let erased = due.filter { $0.delivery.customerID.uuidString.lowercased() != a }
            #expect(erased.count == 2 && erased.allSatisfy { $0.customer == nil }, "B and C were erased: their snapshots cannot be opened")

            try await fixture.store.outbox.record(.retry(statusCode: 503, error: "HTTP 503", at: 0), for: first.delivery, durationMilliseconds: 7, access: nil)
            let listed = try await client.call(.get, "/v2/webhook-endpoints/\(endpointID)/deliveries?limit=100", key: admin)
            let attempted = (listed.body["data"] as? [[String: Any]] ?? []).first { $0["id"] as? String == first.delivery.id }
            #expect(attempted?["attempts"] as? Int == 1)
            #expect((attempted?["attempt_log"] as? [[String: Any]])?.first?["status_code"] as? Int == 503)
        }
    }
}
