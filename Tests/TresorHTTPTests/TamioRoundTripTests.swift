import Foundation
import HummingbirdTesting
import Testing

/// What a migrating Tamio integration does with customers (issue 20, item 4): Tamio's defaults
/// for `locale` and `timezone_offset`, and a retrieved customer posted back to update.
@Suite("Tamio round trips")
struct TamioRoundTripTests {
    @Test("defaults en and +00:00; the retrieved object posted back updates what changed and ignores what is read-only")
    func roundTrip() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            var body = customerBody()
            body["locale"] = nil
            body["timezone_offset"] = nil
            let created = try await client.call(.post, "/v2/customers/create", key: admin, json: body)
            #expect(created.customer["locale"] as? String == "en" && created.customer["timezone_offset"] as? String == "+00:00", "\(created.customer)")
            let id = created.customerID

            var object = try await client.call(.get, "/v2/customers/retrieve/\(id)", key: admin).customer
            object["name"] = "Renamed"
            let updated = try await client.call(.post, "/v2/customers/update/\(id)", key: admin, json: object)
            #expect(updated.status == 200 && updated.customer["name"] as? String == "Renamed", "\(updated.body)")
            for field in ["email", "country", "locale", "timezone_offset", "category", "priority", "created_at", "billing_addresses"] {
                #expect((updated.customer[field] as? NSObject)?.isEqual(created.customer[field]) == true, "\(field) changed on a round trip")
            }

            object["id"] = UUID().uuidString.lowercased()
            let foreign = try await client.call(.post, "/v2/customers/update/\(id)", key: admin, json: object)
            #expect(foreign.status == 422 && foreign.body["param"] as? String == "id", "\(foreign.body)")
            let unknown = try await client.call(.post, "/v2/customers/update/\(id)", key: admin, json: ["name": "X", "colour": "red"])
            #expect(unknown.status == 422 && unknown.body["param"] as? String == "colour", "unknown fields are still refused")
        }
    }

    @Test("Tamio's remaining fields: stripe_customer_id and affiliate_partner_id kept and changed, has_notes false, source api, custom_billing_fields on billing addresses only")
    func remainingFields() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            var body = customerBody()
            body["stripe_customer_id"] = "cus_NffrFeUfNV2Hib"
            body["affiliate_partner_id"] = "partner-0042"
            let created = try await client.call(.post, "/v2/customers/create", key: admin, json: body)
            #expect(created.status == 200, "\(created.body)")
            let id = created.customerID
            var object = try await client.call(.get, "/v2/customers/retrieve/\(id)", key: admin).customer
            #expect(object["stripe_customer_id"] as? String == "cus_NffrFeUfNV2Hib" && object["affiliate_partner_id"] as? String == "partner-0042")
            #expect(object["has_notes"] as? Bool == false && object["source"] as? String == "api", "\(object)")

            object["stripe_customer_id"] = "cus_Changed"
            let updated = try await client.call(.post, "/v2/customers/update/\(id)", key: admin, json: object)
            #expect(updated.status == 200 && updated.customer["stripe_customer_id"] as? String == "cus_Changed", "\(updated.body)")
            #expect(updated.customer["affiliate_partner_id"] as? String == "partner-0042" && updated.customer["source"] as? String == "api")
            let cleared = try await client.call(.post, "/v2/customers/update/\(id)", key: admin, json: ["name": "Anna", "affiliate_partner_id": ""])
            #expect(cleared.customer["affiliate_partner_id"] is NSNull, "an empty text clears it: \(cleared.body)")
            let tooLong = try await client.call(.post, "/v2/customers/update/\(id)", key: admin,
                                                json: ["name": "Anna", "stripe_customer_id": String(repeating: "x", count: 256)])
            #expect(tooLong.status == 422 && tooLong.body["param"] as? String == "stripe_customer_id", "\(tooLong.body)")

            let withFields = try await client.call(.post, "/v2/customers/create", key: admin, json: [
                "name": "Bea", "email": "bea@example.de", "country": "de",
                "billing_information": ["name": "Bea", "country": "de", "address": "Weg 1", "city": "Köln", "custom_billing_fields": ["po_number": "4711"]],
            ])
            let billing = (withFields.customer["billing_addresses"] as? [[String: Any]])?.first
            #expect(billing?["custom_billing_fields"] as? [String: String] == ["po_number": "4711"], "\(withFields.body)")
            let onShipping = try await client.call(.post, "/v2/customers/create", key: admin, json: [
                "name": "Cem", "email": "cem@example.de", "country": "de",
                "shipping_information": ["country": "de", "custom_billing_fields": ["po_number": "1"]],
            ])
            #expect(onShipping.status == 422 && onShipping.body["param"] as? String == "shipping_information.custom_billing_fields", "\(onShipping.body)")
        }
    }
}
