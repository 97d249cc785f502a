import Foundation
import Testing
import TresorModel
import TresorService
import TresorStore

/// `/v2/api-keys` (issue 21): keys managed over HTTP with `keys.manage`, never beyond the
/// caller's own scopes, every change in the access log.
@Suite("HTTP: API keys")
struct APIKeyEndpointTests {
    @Test("create (secret once), use, list without secrets, revoke; each change logged with the key's id")
    func lifecycle() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        let before = try await fixture.lastSequence()
        try await fixture.test { client in
            let created = try await client.call(.post, "/v2/api-keys", key: admin, json: ["name": "Shop backend", "role": "integration"])
            #expect(created.status == 200, "\(created.body)")
            let key = try #require(created.body["api_key"] as? [String: Any])
            let id = try #require(key["id"] as? String)
            let secret = try #require(key["secret"] as? String)
            #expect(key["role"] as? String == "integration" && (key["reach"] as? [String: Any])?["type"] as? String == "all")
            #expect(try await client.call(.get, "/v2/customers/list", key: secret).status == 200)

            let listed = try await client.call(.get, "/v2/api-keys", key: admin)
            let keys = try #require(listed.body["data"] as? [[String: Any]])
            #expect(keys.contains { $0["id"] as? String == id })
            #expect(!String(decoding: try JSONSerialization.data(withJSONObject: listed.body), as: UTF8.self).contains(secret))
            #expect(keys.allSatisfy { $0["secret"] == nil })

            let revoked = try await client.call(.delete, "/v2/api-keys/\(id)", key: admin)
            #expect(revoked.status == 200 && (revoked.body["api_key"] as? [String: Any])?["revoked_at"] is Int, "\(revoked.body)")
            #expect(try await client.call(.get, "/v2/customers/list", key: secret).status == 401)
            #expect(try await client.call(.delete, "/v2/api-keys/\(id)", key: admin).status == 404, "revoked already")
            #expect(try await client.call(.delete, "/v2/api-keys/key_0000000000000000", key: admin).status == 404)
            #expect(try await client.call(.get, "/v2/api-keys", key: secret).status == 401)
            #expect(try await client.call(.get, "/v2/api-keys", key: fixture.keys["integration"]!).status == 403)

            let entries = try await fixture.entries(after: before).filter { $0.record.action.hasPrefix("api_key.") }
            #expect(entries.map(\.record.action) == ["api_key.create", "api_key.list", "api_key.revoke", "api_key.revoke", "api_key.revoke", "api_key.list"])
            #expect(entries[0].record.fields == ["api_key:\(id)", "role:integration"] && entries[0].record.outcome == .ok)
            #expect(entries[2].record.fields == ["api_key:\(id)", "role:integration"])
        }
    }

    @Test("refusals name the field: unknown role, narrowing a role with deployment-wide scopes, an agent without narrowing")
    func refusals() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            let unknown = try await client.call(.post, "/v2/api-keys", key: admin, json: ["role": "root"])
            #expect(unknown.status == 422 && unknown.body["param"] as? String == "role")
            let wide = try await client.call(.post, "/v2/api-keys", key: admin, json: ["role": "admin", "customers": [UUID().uuidString]])
            #expect(wide.status == 422 && wide.body["param"] as? String == "role", "\(wide.body)")
            let agent = try await client.call(.post, "/v2/api-keys", key: admin, json: ["role": "support-agent"])
            #expect(agent.status == 422 && agent.body["param"] as? String == "assigned_to")
            let both = try await client.call(.post, "/v2/api-keys", key: admin,
                                             json: ["role": "support-agent", "customers": [UUID().uuidString], "assigned_to": UUID().uuidString])
            #expect(both.status == 422 && both.body["param"] as? String == "assigned_to")
            let narrowed = try await client.call(.post, "/v2/api-keys", key: admin, json: ["role": "support-agent", "assigned_to": UUID().uuidString])
            #expect((narrowed.body["api_key"] as? [String: Any])?["reach"] as? [String: Any] != nil, "\(narrowed.body)")
        }
    }

    @Test("a key never creates or revokes a key with scopes it lacks")
    func noEscalation() async throws {
        let fixture = try await HTTPFixture()
        let manager = Role(name: "key-manager", scopes: [.keysManage, .customersView, .customersCreate, .customersEdit], defaultPurpose: "administration")
        let request = RequestInfo(principal: Principal(id: "key_manager", name: "manager", role: manager, reach: .all), requestID: "req_test")
        await #expect(throws: ServiceError.beyondOwnScopes([.holdsManage])) {
            try await fixture.service.createAPIKey(APIKeyDraft(role: "integration"), request: request)
        }
        let admin = try #require(try await fixture.store.apiKeys.list().first { $0.roleName == "admin" })
        await #expect(throws: ServiceError.self) { try await fixture.service.revokeAPIKey(id: admin.id, request: request) }
        #expect(try await fixture.store.apiKeys.list().first { $0.id == admin.id }?.revokedAt == nil)
        // Within its own scopes it may.
        let own = Role(name: "key-manager", scopes: [.keysManage, .customersView, .customersCreate, .customersEdit, .holdsManage],
                       defaultPurpose: "administration")
        let allowed = RequestInfo(principal: Principal(id: "key_manager", name: "manager", role: own, reach: .all), requestID: "req_test")
        #expect(try await fixture.service.createAPIKey(APIKeyDraft(role: "integration"), request: allowed).record.roleName == "integration")
        // The operator's keys are logged too, naming the operator.
        _ = try await fixture.service.createAPIKey(APIKeyDraft(role: "marketing"), request: .operator(command: "keys create"))
        let last = try #require(try await fixture.entries(after: 0).last)
        #expect(last.record.action == "api_key.create" && last.record.actor.kind == .operator)
    }
}
