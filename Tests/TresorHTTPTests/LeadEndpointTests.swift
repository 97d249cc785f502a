import Foundation
import HummingbirdTesting
import Testing
import TresorModel
import TresorStore

/// Tamio's Leads API (issue 20, item 2): leads are customers of category `lead` in the same
/// store, under the same scopes, with the same webhooks; upgrading one keeps its id, history and holds.
@Suite("leads")
struct LeadEndpointTests {
    @Test("create, retrieve, update, list and delete a lead; a customer is not a lead; duplicate email is 10142")
    func singleLeads() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            let created = try await client.call(.post, "/v2/leads/create", key: admin,
                                                json: ["name": "Lena", "email": "lena@example.de", "country": "de", "priority": "high"])
            #expect(created.status == 200, "\(created.body)")
            let lead = created.customer
            #expect(lead["object"] as? String == "customer" && lead["category"] as? String == "lead")
            #expect(lead["lead_status"] as? String == "new_lead" && lead["priority"] as? String == "high", "\(lead)")
            let id = created.customerID

            #expect(try await client.call(.get, "/v2/leads/retrieve/\(id)", key: admin).customer["name"] as? String == "Lena")
            let customer = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody("Carl", email: "carl@example.de")).customerID
            let notALead = try await client.call(.get, "/v2/leads/retrieve/\(customer)", key: admin)
            #expect(notALead.status == 404 && notALead.body["error_code"] as? Int == 1002, "\(notALead.body)")
            #expect((notALead.body["error"] as? String ?? "").contains("lead"), "\(notALead.body)")

            let updated = try await client.call(.post, "/v2/leads/update/\(id)", key: admin, json: ["name": "Lena", "lead_status": "waiting for budget"])
            #expect(updated.customer["lead_status"] as? String == "waiting for budget", "Tamio allows a custom status: \(updated.body)")
            #expect(try await client.call(.post, "/v2/leads/update/\(customer)", key: admin, json: ["name": "Carl"]).status == 404)

            let leads = try await client.call(.get, "/v2/leads/list", key: admin)
            #expect((leads.body["customers"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [id])
            let customers = try await client.call(.get, "/v2/customers/list", key: admin)
            #expect((customers.body["customers"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [customer], "leads are left out by default")

            let duplicate = try await client.call(.post, "/v2/leads/create", key: admin, json: ["name": "L", "email": "lena@example.de", "country": "de"])
            #expect(duplicate.body["error_code"] as? Int == 10142, "\(duplicate.body)")

            #expect(try await client.call(.delete, "/v2/leads/\(customer)", key: admin).status == 404, "a customer is not deleted through the leads API")
            #expect(try await client.call(.delete, "/v2/leads/\(id)", key: admin).status == 200)
            #expect(try await client.call(.get, "/v2/leads/retrieve/\(id)", key: admin).status == 404)
            #expect(try await client.call(.get, "/v2/customers/retrieve/\(customer)", key: admin).status == 200)
        }
    }

    @Test("bulk status, priority, teammate and upgrade: ids acted on, errors per id, one event each, the upgraded lead keeps its history and holds")
    func bulkOperations() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        _ = try await fixture.store.webhookEndpoints.create(url: "https://hooks.example.de/leads", events: [.customerUpdated],
                                                            country: CountryCode("DE")!, transferBasis: nil, payload: .full)
        try await fixture.test { client in
            let a = try await client.call(.post, "/v2/leads/create", key: admin, json: ["name": "A", "email": "a@example.de", "country": "de"]).customerID
            let b = try await client.call(.post, "/v2/leads/create", key: admin, json: ["name": "B", "email": "b@example.de", "country": "de"]).customerID
            let customer = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody("C", email: "c@example.de")).customerID
            let unknown = UUID().uuidString.lowercased()

            let status = try await client.call(.post, "/v2/leads/bulk/change-status", key: admin,
                                               json: ["leads": [a, b, customer, unknown], "lead_status": "qualified"])
            #expect(status.body["ids"] as? [String] == [a, b], "\(status.body)")
            #expect((status.body["errors"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [customer, unknown])
            #expect((status.body["errors"] as? [[String: Any]])?.first?["error_code"] as? Int == 1002)

            let priority = try await client.call(.post, "/v2/leads/bulk/change-priority", key: admin, json: ["leads": [a], "priority": "high"])
            #expect(priority.body["ids"] as? [String] == [a])
            let badPriority = try await client.call(.post, "/v2/leads/bulk/change-priority", key: admin, json: ["leads": [a], "priority": "urgent"])
            #expect(badPriority.status == 422 && badPriority.body["param"] as? String == "priority", "\(badPriority.body)")

            let teammate = try await client.call(.post, "/v2/teammates/create", key: admin, json: ["name": "T", "email": "t@shop.example"])
            let teammateID = try #require((teammate.body["teammate"] as? [String: Any])?["id"] as? String)
            let assigned = try await client.call(.post, "/v2/leads/bulk/assign-to-teammate", key: admin, json: ["leads": [a], "teammate_id": teammateID])
            #expect(assigned.body["ids"] as? [String] == [a])
            #expect(try await client.call(.get, "/v2/leads/retrieve/\(a)", key: admin).customer["teammate_id"] as? String == teammateID)

            let hold = try await client.call(.post, "/v2/customers/\(a)/holds", key: admin, json: ["rule": "invoices"])
            #expect(hold.status == 200, "\(hold.body)")
            let entriesBefore = try await fixture.store.accessLogEntryCount(subject: try #require(UUID(uuidString: a)))

            let upgraded = try await client.call(.post, "/v2/leads/bulk/upgrade", key: admin, json: ["leads": [a, customer]])
            #expect(upgraded.body["ids"] as? [String] == [a], "\(upgraded.body)")
            let nowCustomer = try await client.call(.get, "/v2/customers/retrieve/\(a)", key: admin).customer
            #expect(nowCustomer["category"] as? String == "customer" && nowCustomer["lead_status"] is NSNull, "\(nowCustomer)")
            #expect(nowCustomer["name"] as? String == "A" && nowCustomer["priority"] as? String == "high")
            #expect(try await client.call(.get, "/v2/leads/retrieve/\(a)", key: admin).status == 404, "no longer a lead")
            let holds = try await client.call(.get, "/v2/customers/\(a)/holds", key: admin)
            #expect((holds.body["data"] as? [[String: Any]])?.first?["status"] as? String == "active", "the hold stays: \(holds.body)")
            #expect(try await fixture.store.accessLogEntryCount(subject: try #require(UUID(uuidString: a))) > entriesBefore, "the history stays and grows")

            let tooMany = try await client.call(.post, "/v2/leads/bulk/upgrade", key: admin, json: ["leads": (0..<51).map { _ in UUID().uuidString }])
            #expect(tooMany.status == 422 && tooMany.body["param"] as? String == "leads", "\(tooMany.body)")
            let marketing = try await client.call(.post, "/v2/leads/bulk/upgrade", key: fixture.keys["marketing"]!, json: ["leads": [b]])
            #expect(marketing.status == 403, "upgrading needs customers.edit")
        }
        let deliveries = try await fixture.store.outbox.deliveries(customerID: try #require(UUID(uuidString: try await firstLead(fixture))))
        #expect(deliveries.count == 4, "customer-updated for status, priority, teammate and upgrade")
    }

    private func firstLead(_ fixture: HTTPFixture) async throws -> String {
        var query = CustomerQuery()
        query.includeLeads = true
        query.paging = .pages(page: 1, perPage: 10)
        query.order = .ascending
        return try #require(try await fixture.store.listCustomers(query).customers.first { $0.name == "A" }?.id.uuidString.lowercased())
    }
}
