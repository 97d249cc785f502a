import Foundation
import HummingbirdTesting
import Testing
import TresorCompliance
import TresorHTTP
import TresorService

/// Row filters by category (the country filter runs through every route in RouteNarrowingTests).
@Suite("row filters")
struct RowFilterTests {
    static let roles = DefaultPolicies.roles + """
          sales:
            scopes: [customers.view, customers.edit]
            purpose: sales-follow-up
            rows:
              category: [lead]

        """

    @Test("a role limited to leads: customers answer 404 and are left out of lists and bulk answers; leads are reached")
    func leadsOnly() async throws {
        let fixture = try await HTTPFixture(roles: Self.roles)
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            let customer = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody()).customerID
            let lead = try await client.call(.post, "/v2/leads/create", key: admin, json: customerBody("Lea", email: "lea@example.de")).customerID
            let sales = try await fixture.key(role: "sales", reach: .all)
            #expect(try await client.call(.get, "/v2/customers/retrieve/\(customer)", key: sales).status == 404)
            #expect(try await client.call(.get, "/v2/customers/retrieve/\(lead)", key: sales).status == 200)
            let plain = try await client.call(.get, "/v2/customers/list", key: sales)
            #expect(plain.body["total_results"] as? Int == 0, "a customer list without leads has nothing for this role: \(plain.body)")
            let withLeads = try await client.call(.get, "/v2/customers/list?include_leads=true", key: sales)
            #expect((withLeads.body["customers"] as? [[String: Any]])?.map { $0["id"] as? String } == [lead])
            let leads = try await client.call(.get, "/v2/leads/list", key: sales)
            #expect((leads.body["customers"] as? [[String: Any]])?.map { $0["id"] as? String } == [lead])
            let bulk = try await client.call(.post, "/v2/leads/bulk/change-priority", key: sales, json: ["leads": [lead, customer], "priority": "high"])
            #expect(bulk.body["ids"] as? [String] == [lead] && (bulk.body["errors"] as? [[String: Any]])?.first?["id"] as? String == customer, "\(bulk.body)")
            let assign = try await client.call(.post, "/v2/customers/bulk/assign-to-teammate", key: sales, json: ["customers": [customer], "teammate_id": NSNull()])
            #expect((assign.body["errors"] as? [[String: Any]])?.first?["id"] as? String == customer, "\(assign.body)")
        }
    }

    @Test("a role limited to one teammate's customers: theirs are reached, others answer 404 and are left out of lists")
    func teammate() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        let (teammateID, theirs, others) = try await fixture.test { client -> (String, String, String) in
            let teammate = try await client.call(.post, "/v2/teammates/create", key: admin, json: ["name": "Theo", "email": "theo@example.de"])
            let teammateID = try #require((teammate.body["teammate"] as? [String: Any])?["id"] as? String)
            let theirs = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody(teammate: teammateID)).customerID
            let others = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody("Olga", email: "olga@example.de")).customerID
            return (teammateID, theirs, others)
        }
        // The same store served with a roles.yaml that names the teammate (known only now).
        let directory = fixture.directory.appendingPathComponent("policies-theo")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try (DefaultPolicies.roles + """
              theo-desk:
                scopes: [customers.view]
                purpose: customer-support
                rows: { teammate: [\(teammateID)] }

            """).write(to: directory.appendingPathComponent("roles.yaml"), atomically: true, encoding: .utf8)
        let policies = try PolicySet.load(directory: directory)
        let service = TresorService(store: fixture.store, roles: policies.roles)
        let key = try await fixture.key(role: "theo-desk", reach: .all)
        try await buildApplication(service: service, apiKeys: fixture.store.apiKeys, policies: policies).test(.router) { client in
            #expect(try await client.call(.get, "/v2/customers/retrieve/\(theirs)", key: key).status == 200)
            #expect(try await client.call(.get, "/v2/customers/retrieve/\(others)", key: key).status == 404)
            let list = try await client.call(.get, "/v2/customers/list", key: key)
            #expect((list.body["customers"] as? [[String: Any]])?.map { $0["id"] as? String } == [theirs], "\(list.body)")
            let elsewhere = try await client.call(.get, "/v2/customers/list?teammate_id=\(UUID().uuidString.lowercased())", key: key)
            #expect(elsewhere.body["total_results"] as? Int == 0)
        }
    }
}
