import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TresorHTTP
@testable import TresorStore
import TresorTestSupport

@Suite("HTTP: Idempotency-Key")
struct IdempotencyTests {
    func post(_ client: any TestClientProtocol, key: String, idempotencyKey: String?, json: [String: Any],
              uri: String = "/v2/customers/create") async throws -> (Int, String, HTTPFields) {
        var headers: HTTPFields = [.contentType: "application/json", .authorization: "Bearer \(key)"]
        if let idempotencyKey { headers[HTTPField.Name("Idempotency-Key")!] = idempotencyKey }
        return try await client.execute(uri: uri, method: .post, headers: headers,
                                         body: ByteBuffer(data: try JSONSerialization.data(withJSONObject: json))) { response in
            (response.status.code, String(buffer: response.body), response.headers)
        }
    }

    @Test("spellings of one endpoint's path share a key: a trailing slash, a doubled slash, an upper-case id (issue 21)")
    func pathVariants() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            let id = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody()).customerID
            var answers: [(Int, String, HTTPFields)] = []
            for uri in ["/v2/customers/update/\(id)", "/v2/customers/update/\(id)/", "//v2/customers/update/\(id)",
                        "/v2/customers/update/\(id.uppercased())"] {
                answers.append(try await post(client, key: admin, idempotencyKey: "rename-1", json: ["name": "Berta"], uri: uri))
            }
            #expect(answers.allSatisfy { $0.0 == 200 }, "\(answers.map(\.0))")
            #expect(answers.dropFirst().allSatisfy { $0.2[HTTPField.Name("Idempotent-Replayed")!] == "true" && $0.1 == answers[0].1 })
            // A different body under the same key is still refused on any spelling.
            let reused = try await post(client, key: admin, idempotencyKey: "rename-1", json: ["name": "Clara"], uri: "/v2/customers/update/\(id)/")
            #expect(reused.0 == 422)
        }
    }

    @Test("the same key and body replays the first response verbatim and creates nothing new")
    func replay() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            let first = try await post(client, key: admin, idempotencyKey: "order-42", json: customerBody())
            let second = try await post(client, key: admin, idempotencyKey: "order-42", json: customerBody())
            #expect(first.0 == 200)
            #expect(second.0 == 200)
            #expect(second.1 == first.1)
            #expect(second.2[HTTPField.Name("Idempotent-Replayed")!] == "true")
            #expect(try await client.call(.get, "/v2/customers/list", key: admin).body["total_results"] as? Int == 1)
            // A refusal is remembered too: replaying a 409 gives the same 409.
            let conflict = try await post(client, key: admin, idempotencyKey: "order-43", json: customerBody())
            #expect(conflict.0 == 409)
            let replayedConflict = try await post(client, key: admin, idempotencyKey: "order-43", json: customerBody())
            #expect(replayedConflict.1 == conflict.1)
            #expect(replayedConflict.2[.contentType] == "application/problem+json")
        }
    }

    @Test("the same key with another body is 422 idempotency_key_reused; other callers have their own keys")
    func reuse() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            _ = try await post(client, key: admin, idempotencyKey: "k1", json: customerBody())
            let reused = try await post(client, key: admin, idempotencyKey: "k1", json: customerBody("Bert", email: "bert@example.de"))
            #expect(reused.0 == 422)
            #expect(reused.1.contains("idempotency_key_reused"))
            let otherCaller = try await post(client, key: fixture.keys["integration"]!, idempotencyKey: "k1",
                                             json: customerBody("Carl", email: "carl@example.de"))
            #expect(otherCaller.0 == 200)
        }
    }

    @Test("stored responses are sealed on disk and deleted with the customer they mention")
    func sealedAndForgotten() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            let created = try await post(client, key: admin, idempotencyKey: "k2", json: customerBody("QZMARKIdem", email: "qzmarkidem@example.de"))
            let id = try #require((try JSONSerialization.jsonObject(with: Data(created.1.utf8)) as? [String: Any])?["customer"] as? [String: Any])["id"] as? String
            let stored = try SQLiteFile.rows(fixture.dataFile, "SELECT response FROM idempotency_records").map { SQLiteFile.bytes(hex: $0[0]) }
            #expect(stored.count == 1)
            #expect(stored[0].range(of: Data("QZMARK".utf8)) == nil)
            #expect(try await client.call(.delete, "/v2/customers/\(id!)", key: admin).status == 200)
            let left = try SQLiteFile.scalar(fixture.dataFile, "SELECT count(*) FROM idempotency_records")
            #expect(left == "0")
        }
    }
}
