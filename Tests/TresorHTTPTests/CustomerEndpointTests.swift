import Foundation
import HummingbirdTesting
import Testing
@testable import TresorHTTP

@Suite("HTTP: customer endpoints")
struct CustomerEndpointTests {
    @Test("create, retrieve, update, list and delete in Tamio's shapes")
    func lifecycle() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            let created = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody())
            #expect(created.status == 200)
            #expect(created.body["status"] as? Int == 200)
            #expect(created.headers[.init("request-id")!]?.hasPrefix("req_") == true)
            let customer = created.customer
            #expect(customer["object"] as? String == "customer")
            #expect(customer["email"] as? String == "anna@example.de")
            #expect(customer["country"] as? String == "de")
            #expect(customer["category"] as? String == "customer")
            #expect(customer["priority"] as? String == "normal")
            #expect((customer["created_at"] as? Int ?? 0) > 1_700_000_000)
            let billing = try #require((customer["billing_addresses"] as? [[String: Any]])?.first)
            #expect(billing["vat"] as? String == "DE136695976")
            #expect(billing["shipping_address"] as? Bool == false)
            let shipping = try #require((customer["shipping_addresses"] as? [[String: Any]])?.first)
            #expect(shipping["message"] as? String == "Tor 3")
            #expect(shipping["shipping_address"] as? Bool == true)
            let id = created.customerID

            let retrieved = try await client.call(.get, "/v2/customers/retrieve/\(id)", key: admin)
            #expect(retrieved.status == 200)
            #expect(retrieved.customer["name"] as? String == "Anna")

            let updated = try await client.call(.post, "/v2/customers/update/\(id)", key: admin, json: ["name": "Anne", "priority": "high"])
            #expect(updated.status == 200)
            #expect(updated.customer["name"] as? String == "Anne")
            #expect(updated.customer["priority"] as? String == "high")

            let listed = try await client.call(.get, "/v2/customers/list?page=1&per_page=10", key: admin)
            #expect(listed.status == 200)
            #expect(listed.body["total_results"] as? Int == 1)
            #expect((listed.body["customers"] as? [[String: Any]])?.first?["id"] as? String == id)

            let cursor = try await client.call(.get, "/v2/customers/list?limit=1", key: admin)
            #expect(cursor.body["has_more"] as? Bool == false)

            let deleted = try await client.call(.delete, "/v2/customers/\(id)", key: admin)
            #expect(deleted.status == 200)
            let gone = try await client.call(.get, "/v2/customers/retrieve/\(id)", key: admin)
            #expect(gone.status == 404)
            #expect(gone.body["error_code"] as? Int == 1002)
        }
    }

    @Test("a duplicate email is 409 with 10142 on create and 10082 on update")
    func duplicates() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody())
            let other = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody("Bert", email: "bert@example.de"))
            let duplicate = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody(email: "ANNA@example.de"))
            #expect(duplicate.status == 409)
            #expect(duplicate.body["error_code"] as? Int == 10142)
            #expect(duplicate.headers[.contentType] == "application/problem+json")
            let update = try await client.call(.post, "/v2/customers/update/\(other.customerID)", key: admin, json: ["name": "Bert", "email": "anna@example.de"])
            #expect(update.status == 409)
            #expect(update.body["error_code"] as? Int == 10082)
        }
    }

    @Test("bad input gets a 4xx naming the field, never a 500", arguments: [
        ("/v2/customers/create", #"{"name":"A","email":"a@example.de","country":"de","nickname":"x"}"#, 422, "nickname"),
        ("/v2/customers/create", #"{"name":"A","email":"a@example.de","country":"de""#, 400, "body"),
        ("/v2/customers/create", #"{"name":5,"email":"a@example.de","country":"de"}"#, 422, "name"),
        ("/v2/customers/create", #"{"name":"A","email":"a@example.de","country":"xx"}"#, 422, "country"),
        ("/v2/customers/create", #"{"name":"A","email":"nope","country":"de"}"#, 422, "email"),
        ("/v2/customers/create", #"{"name":"A","email":"a@example.de","country":"de","billing_information":{"name":"A","country":"de","address":"x","city":"y","vat":"DE123"}}"#, 422, "billing_information.vat"),
        ("/v2/customers/create", #"[1,2]"#, 422, "body"),
        ("/v2/customers/update/not-a-uuid", #"{"name":"A"}"#, 422, "id"),
        ("/v2/customers/bulk/delete", #"{"customers":["x"]}"#, 422, "customers[0]"),
        ("/v2/customers/bulk/assign-to-teammate", #"{"customers":[]}"#, 422, "teammate_id"),
        // Issue 21: a key given twice in one object, however it is spelled, is refused; NUL in metadata too.
        ("/v2/customers/create", #"{"name":"A","email":"a@example.de","email":"b@example.de","country":"de"}"#, 400, "body"),
        ("/v2/customers/create", #"{"name":"A","na\u006de":"B","email":"a@example.de","country":"de"}"#, 400, "body"),
        ("/v2/customers/create", #"{"name":"A","email":"a@example.de","country":"de","metadata":{"a\u0000b":"x"}}"#, 422, "metadata"),
        ("/v2/customers/create", #"{"name":"A","email":"a@example.de","country":"de","billing_information":{"name":"A","name":"B","country":"de","address":"x","city":"y"}}"#, 400, "body"),
            ])
    func badInput(path: String, raw: String, status: Int, param: String) async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            let result = try await client.call(.post, path, key: admin, raw: raw)
            #expect(result.status == status, "\(result.body)")
            #expect(result.body["param"] as? String == param, "\(result.body)")
            #expect(result.body["request_id"] as? String != nil)
            #expect(try await client.call(.get, "/v2/customers/list", key: admin).body["total_results"] as? Int == 0)
        }
    }

    @Test("an address is one customer in every spelling: full-width, quoted, upper-case, IDNA; export finds it by any (issue 21)")
    func emailSpellings() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            let nora = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody("Nora", email: "nora@example.de")).customerID
            for spelling in ["ｎｏｒａ@example.de", "nora@ｅｘａｍｐｌｅ.de", "\"nora\"@example.de", "NORA@Example.DE"] {
                let again = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody("Again", email: spelling))
                #expect(again.status == 409 && again.body["error_code"] as? Int == 10142, "\(spelling): \(again.body)")
                let found = try await client.call(.get, "/v2/customers/list?email=\(spelling.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", key: admin)
                #expect((found.body["customers"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [nora], "\(spelling)")
            }
            _ = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody("Bücher", email: "info@bücher.de"))
            let ascii = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody("Books", email: "info@xn--bcher-kva.de"))
            #expect(ascii.status == 409, "\(ascii.body)")
            let export = try await client.call(.post, "/v2/compliance/exports", key: admin, json: ["email": "ｎｏｒａ@ｅｘａｍｐｌｅ.de"])
            #expect(export.status == 200)
        }
    }

    @Test("a body over 1 MiB is refused with 413")
    func tooLarge() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.test { client in
            let huge = #"{"name":""# + String(repeating: "a", count: 1_100_000) + #""}"#
            let result = try await client.call(.post, "/v2/customers/create", key: fixture.keys["admin"]!, raw: huge)
            #expect(result.status == 413)
        }
    }

    @Test("no key, a wrong key or a malformed header is 401 with WWW-Authenticate")
    func unauthenticated() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.test { client in
            for key in [nil, "tk_" + String(repeating: "A", count: 43), "nonsense"] {
                let result = try await client.call(.get, "/v2/customers/list", key: key)
                #expect(result.status == 401)
                #expect(result.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                #expect(result.body["error"] as? String == "invalid or missing Bearer token")
            }
            let revoked = try await fixture.store.apiKeys.create(name: "old", roleName: "admin", reach: .all)
            try await fixture.store.apiKeys.revoke(id: revoked.record.id)
            #expect(try await client.call(.get, "/v2/customers/list", key: revoked.secret).status == 401)
            #expect(try await client.call(.get, "/healthz", key: nil).status == 200)
        }
    }
}

@Suite("HTTP: system endpoints")
struct SystemEndpointTests {
    @Test("healthz, readyz, metrics and an unknown route, each with a request-id")
    func systemEndpoints() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.test { client in
            #expect(try await client.call(.get, "/healthz", key: nil).body["status"] as? String == "ok")
            #expect(try await client.call(.get, "/readyz", key: nil).body["status"] as? String == "ready")
            let metrics = try await client.execute(uri: "/metrics", method: .get) { response in
                (response.status.code, String(buffer: response.body), response.headers[.contentType])
            }
            #expect(metrics.0 == 200)
            #expect(metrics.1.contains("tresor_build_info{version=\"0.1.0\"} 1"))
            #expect(metrics.2?.hasPrefix("text/plain") == true)
            let unknown = try await client.call(.get, "/v2/nothing-here", key: fixture.keys["admin"]!)
            #expect(unknown.status == 404)
            #expect(unknown.headers[.init("request-id")!] != nil)
            #expect(try await client.call(.get, "/openapi.yaml", key: nil).status == 404)
        }
    }
}
