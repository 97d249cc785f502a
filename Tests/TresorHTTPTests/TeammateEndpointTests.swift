import Foundation
import HummingbirdTesting
import Testing

/// Teammates as Tamio has them (issue 20, item 3): created with `last_name`, `role` and
/// `country`, updated, listed with `total_results`; the role is one of roles.yaml's.
@Suite("teammates")
struct TeammateEndpointTests {
    @Test("Tamio's create body, update (also posting back what was read), list with total_results, a role outside roles.yaml refused")
    func tamioTeammates() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            let created = try await client.call(.post, "/v2/teammates/create", key: admin,
                                                json: ["name": "Tina", "last_name": "Team", "email": "tina@shop.example", "role": "support-agent", "country": "at"])
            let teammate = try #require(created.body["teammate"] as? [String: Any], "\(created.body)")
            #expect(teammate["last_name"] as? String == "Team" && teammate["role"] as? String == "support-agent" && teammate["country"] as? String == "at")
            let id = try #require(teammate["id"] as? String)

            let updated = try await client.call(.post, "/v2/teammates/update/\(id)", key: admin, json: ["last_name": "Tamm", "role": "marketing"])
            let changed = try #require(updated.body["teammate"] as? [String: Any], "\(updated.body)")
            #expect(changed["last_name"] as? String == "Tamm" && changed["role"] as? String == "marketing" && changed["name"] as? String == "Tina")
            var postedBack = changed
            postedBack["country"] = "de"
            #expect((try await client.call(.post, "/v2/teammates/update/\(id)", key: admin, json: postedBack).body["teammate"] as? [String: Any])?["country"] as? String == "de")

            let retrieved = try await client.call(.get, "/v2/teammates/retrieve/\(id)", key: admin)
            #expect((retrieved.body["teammate"] as? [String: Any])?["last_name"] as? String == "Tamm", "stored, not only answered")
            let listed = try await client.call(.get, "/v2/teammates/list", key: admin)
            #expect(listed.body["total_results"] as? Int == 1 && (listed.body["teammates"] as? [Any])?.count == 1)

            let badRole = try await client.call(.post, "/v2/teammates/create", key: admin, json: ["name": "B", "email": "b@shop.example", "role": "owner"])
            #expect(badRole.status == 422 && badRole.body["param"] as? String == "role", "\(badRole.body)")
            #expect(try await client.call(.post, "/v2/teammates/update/\(UUID())", key: admin, json: ["name": "X"]).status == 404)
        }
    }
}
