import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TresorHTTP
import TresorModel

@Suite("HTTP: scopes and narrowed keys")
struct AuthorizationTests {
    /// Every endpoint with the scope it needs: a key whose role lacks that scope gets 403.
    struct Endpoint: @unchecked Sendable {
        var method: HTTPRequest.Method
        var path: String
        var body: [String: Any]?
        var scope: Scope
    }

    static let endpoints: [Endpoint] = [
        Endpoint(method: .post, path: "/v2/customers/create", body: customerBody("Z", email: "z@example.de") as [String: Any], scope: .customersCreate),
        Endpoint(method: .get, path: "/v2/customers/retrieve/{id}", body: nil, scope: .customersView),
        Endpoint(method: .post, path: "/v2/customers/update/{id}", body: ["name": "Y"] as [String: Any], scope: .customersEdit),
        Endpoint(method: .delete, path: "/v2/customers/{id}", body: nil, scope: .customersRemove),
        Endpoint(method: .get, path: "/v2/customers/list", body: nil, scope: .customersView),
        Endpoint(method: .post, path: "/v2/customers/add-to-list/{id}", body: ["mailing_list": "{list}"] as [String: Any], scope: .customersEdit),
        Endpoint(method: .post, path: "/v2/customers/remove-from-list/{id}", body: ["mailing_list": "{list}"] as [String: Any], scope: .customersEdit),
        Endpoint(method: .post, path: "/v2/customers/bulk/create", body: ["customers": [customerBody("Q", email: "q@example.de")]] as [String: Any], scope: .customersCreate),
        Endpoint(method: .post, path: "/v2/customers/bulk/remove", body: ["customers": ["{id}"]] as [String: Any], scope: .customersRemove),
        Endpoint(method: .post, path: "/v2/customers/bulk/delete", body: ["customers": ["{id}"]] as [String: Any], scope: .customersRemove),
        Endpoint(method: .post, path: "/v2/customers/bulk/add-to-list", body: ["customers": ["{id}"], "mailing_list": "{list}"] as [String: Any], scope: .customersEdit),
        Endpoint(method: .post, path: "/v2/customers/bulk/assign-to-teammate", body: ["customers": ["{id}"], "teammate_id": NSNull()] as [String: Any], scope: .customersEdit),
        Endpoint(method: .post, path: "/v2/customers/address/create/{id}", body: ["name": "A", "country": "de", "address": "x", "city": "y"] as [String: Any], scope: .customersEdit),
        Endpoint(method: .post, path: "/v2/customers/address/update/{address}", body: ["name": "A", "country": "de", "address": "x", "city": "y", "email": "a@example.de"] as [String: Any], scope: .customersEdit),
        Endpoint(method: .delete, path: "/v2/customers/address/{address}", body: nil, scope: .customersEdit),
        Endpoint(method: .post, path: "/v2/mailing-lists/create", body: ["name": "News"] as [String: Any], scope: .listsManage),
        Endpoint(method: .get, path: "/v2/mailing-lists/list", body: nil, scope: .listsManage),
        Endpoint(method: .get, path: "/v2/mailing-lists/retrieve/{list}", body: nil, scope: .listsManage),
        Endpoint(method: .delete, path: "/v2/mailing-lists/{list}", body: nil, scope: .listsManage),
        Endpoint(method: .post, path: "/v2/teammates/create", body: ["name": "T", "email": "t@example.de"] as [String: Any], scope: .teammatesManage),
        Endpoint(method: .get, path: "/v2/teammates/list", body: nil, scope: .teammatesManage),
        Endpoint(method: .get, path: "/v2/teammates/retrieve/{teammate}", body: nil, scope: .teammatesManage),
        Endpoint(method: .delete, path: "/v2/teammates/{teammate}", body: nil, scope: .teammatesManage),
    ]

    @Test("for every endpoint, a key lacking its scope gets 403 and changes nothing; one holding it does not get 403")
    func scopeMatrix() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        let roles = fixture.policies.roles.roles
        try await fixture.test { client in
            let customer = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody())
            let id = customer.customerID
            let address = try #require((customer.customer["billing_addresses"] as? [[String: Any]])?.first?["id"] as? String)
            let list = try #require((try await client.call(.post, "/v2/mailing-lists/create", key: admin, json: ["name": "L"])
                .body["mailing_list"] as? [String: Any])?["id"] as? String)
            let teammate = try #require((try await client.call(.post, "/v2/teammates/create", key: admin, json: ["name": "T", "email": "tt@example.de"])
                .body["teammate"] as? [String: Any])?["id"] as? String)
            func fill(_ text: String) -> String {
                text.replacingOccurrences(of: "{id}", with: id).replacingOccurrences(of: "{address}", with: address)
                    .replacingOccurrences(of: "{list}", with: list).replacingOccurrences(of: "{teammate}", with: teammate)
            }
            func filled(_ body: [String: Any]?) -> [String: Any]? {
                guard let body else { return nil }
                let data = try! JSONSerialization.data(withJSONObject: body)
                return try! JSONSerialization.jsonObject(with: Data(fill(String(decoding: data, as: UTF8.self)).utf8)) as? [String: Any]
            }
            var checkedDenials = 0
            for endpoint in Self.endpoints {
                for role in ["integration", "marketing", "compliance-officer"] where !(roles[role]!.scopes.contains(endpoint.scope)) {
                    let result = try await client.call(endpoint.method, fill(endpoint.path), key: fixture.keys[role]!, json: filled(endpoint.body))
                    #expect(result.status == 403, "\(role) \(endpoint.method) \(endpoint.path)")
                    #expect(result.body["error"] as? String == "this API key lacks the scope \(endpoint.scope.rawValue)")
                    checkedDenials += 1
                }
            }
            #expect(checkedDenials >= 30)
            // Nothing was changed by the denied calls.
            let still = try await client.call(.get, "/v2/customers/retrieve/\(id)", key: admin)
            #expect(still.customer["name"] as? String == "Anna")
            #expect(try await client.call(.get, "/v2/customers/list", key: admin).body["total_results"] as? Int == 1)
            // And the admin key passes every endpoint's scope check (deletes last).
            for endpoint in Self.endpoints {
                let result = try await client.call(endpoint.method, fill(endpoint.path), key: admin, json: filled(endpoint.body))
                #expect(result.status != 403, "admin \(endpoint.method) \(endpoint.path)")
                #expect(result.status < 500, "admin \(endpoint.method) \(endpoint.path): \(result.body)")
            }
        }
    }

    @Test("a key narrowed to listed customers sees only them: 404 outside, list and bulk leave the others out")
    func narrowedToCustomers() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            let mine = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody("Mine", email: "mine@example.de")).customerID
            let other = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody("Other", email: "other@example.de")).customerID
            let narrowed = try await fixture.key(role: "support-agent", reach: .customers([mine]))
            #expect(try await client.call(.get, "/v2/customers/retrieve/\(mine)", key: narrowed).status == 200)
            let outside = try await client.call(.get, "/v2/customers/retrieve/\(other)", key: narrowed)
            #expect(outside.status == 404)
            #expect(outside.body["error_code"] as? Int == 1002)
            #expect(try await client.call(.post, "/v2/customers/update/\(other)", key: narrowed, json: ["name": "X"]).status == 404)
            let listed = try await client.call(.get, "/v2/customers/list", key: narrowed)
            #expect((listed.body["customers"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [mine])
            #expect(listed.body["total_results"] as? Int == 1)
            let assigned = try await client.call(.post, "/v2/customers/bulk/assign-to-teammate", key: narrowed,
                                                 json: ["customers": [mine, other], "teammate_id": NSNull()])
            #expect(assigned.body["customers"] as? [String] == [mine])
            #expect((assigned.body["errors"] as? [[String: Any]])?.first?["id"] as? String == other)
            #expect(try await client.call(.get, "/v2/customers/retrieve/\(other)", key: admin).customer["name"] as? String == "Other")
        }
    }

    @Test("a key narrowed to a teammate's customers follows the assignment")
    func narrowedToTeammate() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            let teammate = try #require((try await client.call(.post, "/v2/teammates/create", key: admin, json: ["name": "Tina", "email": "tina@example.de"])
                .body["teammate"] as? [String: Any])?["id"] as? String)
            let assigned = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody("A", email: "a@example.de", teammate: teammate)).customerID
            let unassigned = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody("B", email: "b@example.de")).customerID
            let key = try await fixture.key(role: "support-agent", reach: .assignedTo(teammateID: teammate))
            #expect(try await client.call(.get, "/v2/customers/retrieve/\(assigned)", key: key).status == 200)
            #expect(try await client.call(.get, "/v2/customers/retrieve/\(unassigned)", key: key).status == 404)
            let listed = try await client.call(.get, "/v2/customers/list", key: key)
            #expect((listed.body["customers"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [assigned])
        }
    }
}
