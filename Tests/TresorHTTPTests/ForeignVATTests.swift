import Foundation
import HummingbirdTesting
import Testing

/// VAT numbers outside the EU (issue 20, item 5): a B2B shop's customers in the United Kingdom,
/// Switzerland, Norway and the United States are stored unverified; numbers that fail their
/// country's check digits are refused naming the field; bulk create keeps them too.
@Suite("VAT numbers outside the EU")
struct ForeignVATTests {
    static func customer(_ name: String, country: String, vat: String) -> [String: Any] {
        ["name": name, "email": "\(name.lowercased())@example.com", "country": country,
         "billing_addresses": [["name": name, "address": "High Street 1", "city": "Town", "country": country, "vat": vat, "is_company": true]]]
    }

    @Test("GB, CH, NO and US numbers stored with verified_vat false; a bad GB check digit is 422; bulk create keeps a US customer")
    func foreignNumbers() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            for (name, country, vat, stored) in [("Brit", "gb", "GB 294 0283 11", "GB294028311"), ("Swiss", "ch", "CHE-883.119.163 MWST", "CHE883119163MWST"),
                                                 ("Norse", "no", "NO 995 525 828 MVA", "NO995525828MVA"), ("Yank", "us", "12-3456789", "123456789")] {
                let created = try await client.call(.post, "/v2/customers/create", key: admin, json: Self.customer(name, country: country, vat: vat))
                let address = (created.customer["billing_addresses"] as? [[String: Any]])?.first
                #expect(created.status == 200 && address?["vat"] as? String == stored && address?["verified_vat"] as? Bool == false,
                        "\(country) \(vat): \(created.status) \(created.body)")
            }
            let wrong = try await client.call(.post, "/v2/customers/create", key: admin, json: Self.customer("Wrong", country: "gb", vat: "GB294028312"))
            #expect(wrong.status == 422 && wrong.body["param"] as? String == "billing_addresses[0].vat", "\(wrong.body)")
            let eu = try await client.call(.post, "/v2/customers/create", key: admin, json: Self.customer("Deutsch", country: "de", vat: "DE000000000"))
            #expect(eu.status == 422, "EU numbers stay strictly checked")

            let bulk = try await client.call(.post, "/v2/customers/bulk/create", key: admin,
                                             json: ["customers": [Self.customer("Bulky", country: "us", vat: "98-7654321")]])
            #expect(bulk.status == 200 && (bulk.body["customers"] as? [String])?.count == 1 && (bulk.body["errors"] as? [Any])?.isEmpty == true, "\(bulk.body)")
        }
    }
}
