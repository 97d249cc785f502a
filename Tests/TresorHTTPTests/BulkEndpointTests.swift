import Foundation
import HummingbirdTesting
import Testing
@testable import TresorHTTP

@Suite("HTTP: bulk operations, lists and addresses")
struct BulkEndpointTests {
    @Test("bulk create of 500 goes in one request; invalid and duplicate items come back as per-item errors")
    func bulkCreate() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            var customers = (0..<500).map { customerBody("C\($0)", email: "c\($0)@example.de") }
            customers[3]["email"] = "broken"
            customers[7]["email"] = "c1@example.de"
            customers[9]["unknown"] = true
            let result = try await client.call(.post, "/v2/customers/bulk/create", key: admin, json: ["customers": customers])
            #expect(result.status == 200)
            #expect((result.body["customers"] as? [String])?.count == 497)
            let errors = try #require(result.body["errors"] as? [[String: Any]])
            try #require(errors.count == 3)
            #expect(errors.compactMap { $0["index"] as? Int } == [3, 7, 9])
            #expect(errors[0]["param"] as? String == "email")
            #expect(errors[1]["error_code"] as? Int == 10142)
            #expect(errors[2]["param"] as? String == "customers[9].unknown")
            let tooMany = try await client.call(.post, "/v2/customers/bulk/create", key: admin, json: ["customers": Array(repeating: customerBody(), count: 501)])
            #expect(tooMany.status == 422)
            #expect(tooMany.body["param"] as? String == "customers")
        }
    }

    @Test("bulk delete, add-to-list and assign report unknown ids per item")
    func bulkPerItem() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            let a = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody("A", email: "a@example.de")).customerID
            let missing = UUID().uuidString.lowercased()
            let list = try #require((try await client.call(.post, "/v2/mailing-lists/create", key: admin, json: ["name": "News"])
                .body["mailing_list"] as? [String: Any])?["id"] as? String)
            let added = try await client.call(.post, "/v2/customers/bulk/add-to-list", key: admin, json: ["customers": [a, missing], "mailing_list": list])
            #expect(added.body["customers"] as? [String] == [a])
            #expect((added.body["errors"] as? [[String: Any]])?.first?["error_code"] as? Int == 1002)
            let single = try await client.call(.post, "/v2/customers/remove-from-list/\(a)", key: admin, json: ["mailing_list": list])
            #expect((single.customer["mailing_lists"] as? [String]) == [])
            let removed = try await client.call(.post, "/v2/customers/bulk/remove", key: admin, json: ["customers": [a, missing]])
            #expect(removed.body["customers"] as? [String] == [a])
            #expect((removed.body["errors"] as? [[String: Any]])?.first?["id"] as? String == missing)
        }
    }

    @Test("addresses: create a shipping address, update (email required) and delete")
    func addresses() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            let id = try await client.call(.post, "/v2/customers/create", key: admin, json: ["name": "A", "email": "a@example.de", "country": "de"]).customerID
            let created = try await client.call(.post, "/v2/customers/address/create/\(id)", key: admin,
                                                json: ["name": "A", "country": "de", "address": "Weg 1", "city": "Köln", "shipping_address": true])
            let address = try #require((created.customer["shipping_addresses"] as? [[String: Any]])?.first?["id"] as? String)
            let noEmail = try await client.call(.post, "/v2/customers/address/update/\(address)", key: admin, json: ["name": "A", "country": "de"])
            #expect(noEmail.status == 422)
            #expect(noEmail.body["param"] as? String == "email")
            let updated = try await client.call(.post, "/v2/customers/address/update/\(address)", key: admin,
                                                json: ["name": "A", "country": "de", "city": "Bonn", "email": "ship@example.de"])
            #expect((updated.customer["shipping_addresses"] as? [[String: Any]])?.first?["city"] as? String == "Bonn")
            let deleted = try await client.call(.delete, "/v2/customers/address/\(address)", key: admin)
            #expect((deleted.customer["shipping_addresses"] as? [[String: Any]])?.isEmpty == true)
            #expect(try await client.call(.delete, "/v2/customers/address/\(address)", key: admin).status == 404)
        }
    }
}
