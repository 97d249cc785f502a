import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// HTTP as clients expect it (issue 20, item 6): the auth scheme in any case, 405 with `Allow`
/// for a wrong method, 404 saying an endpoint does not exist (not Tamio's 1002, which means "no
/// such customer"), and error pointers that are RFC 6901 JSON Pointers to the field as the client
/// sent it.
@Suite("HTTP details")
struct HTTPDetailsTests {
    @Test("bearer in any case; 405 with Allow; 404 for no such endpoint; JSON Pointers in errors")
    func details() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            for scheme in ["bearer", "BEARER", "Bearer"] {
                let status = try await client.execute(uri: "/v2/customers/list", method: .get, headers: [.authorization: "\(scheme) \(admin)"]) { $0.status }
                #expect(status == .ok, "\(scheme)")
            }
            #expect(try await client.execute(uri: "/v2/customers/list", method: .get, headers: [.authorization: "Basic \(admin)"]) { $0.status } == .unauthorized)

            let wrongMethod = try await client.call(.get, "/v2/customers/create", key: admin)
            #expect(wrongMethod.status == 405 && wrongMethod.headers[.allow] == "POST", "\(wrongMethod.status) \(wrongMethod.headers)")
            let retrieveDeleted = try await client.call(.delete, "/v2/customers/retrieve/\(UUID())", key: admin)
            #expect(retrieveDeleted.status == 405 && retrieveDeleted.headers[.allow] == "GET")
            let customerPath = try await client.call(.put, "/v2/customers/\(UUID())", key: admin)
            #expect(customerPath.status == 405 && customerPath.headers[.allow] == "DELETE")

            let nowhere = try await client.call(.get, "/v2/leads-and-more/list", key: admin)
            #expect(nowhere.status == 404 && nowhere.body["error_code"] as? Int == 404, "\(nowhere.body)")
            #expect((nowhere.body["detail"] as? String)?.contains("no endpoint GET /v2/leads-and-more/list") == true)
            let noCustomer = try await client.call(.get, "/v2/customers/retrieve/\(UUID())", key: admin)
            #expect(noCustomer.status == 404 && noCustomer.body["error_code"] as? Int == 1002, "a missing customer stays Tamio's 1002")

            var body = customerBody()
            body["billing_addresses"] = [["name": "A", "address": "Weg 1", "city": "Köln", "postcode": "50667", "country": "de", "vat": "DE1"]]
            let refused = try await client.call(.post, "/v2/customers/create", key: admin, json: body)
            let pointer = ((refused.body["errors"] as? [[String: Any]])?.first)?["pointer"] as? String
            #expect(refused.status == 422 && refused.body["param"] as? String == "billing_addresses[0].vat" && pointer == "/billing_addresses/0/vat",
                    "the field as the client sent it (its first billing_addresses item; billing_information is another): \(refused.body)")

            var information = customerBody()
            information["billing_information"] = ["name": "A", "address": "Weg 1", "city": "Köln", "country": "de", "vat": "DE1"]
            let named = try await client.call(.post, "/v2/customers/create", key: admin, json: information)
            let namedPointer = ((named.body["errors"] as? [[String: Any]])?.first)?["pointer"] as? String
            #expect(named.status == 422 && named.body["param"] as? String == "billing_information.vat" && namedPointer == "/billing_information/vat",
                    "\(named.body)")
            #expect((named.body["detail"] as? String)?.hasPrefix("billing_information.vat") == true, "\(named.body)")
            let bulk = try await client.call(.post, "/v2/customers/bulk/create", key: admin, json: ["customers": [information]])
            #expect(((bulk.body["errors"] as? [[String: Any]])?.first)?["param"] as? String == "billing_information.vat", "\(bulk.body)")
        }
    }
}
