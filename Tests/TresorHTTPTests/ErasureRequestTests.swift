import Foundation
import Testing
import TresorModel
import TresorService
import TresorStore

/// Erasure requests through the API: each transition, its refusals naming the field, deadlines,
/// and execution erasing the customer.
@Suite("erasure requests")
struct ErasureRequestTests {
    @Test("received → approved (identity recorded) → executed: the customer is gone and every step is logged")
    func lifecycle() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            let customerID = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody()).customerID
            #expect((try await client.call(.post, "/v2/compliance/erasure-requests", key: fixture.keys["compliance-officer"]!,
                                           json: ["customer_id": customerID, "channel": "email"])).status == 403)
            var refused = try await client.call(.post, "/v2/compliance/erasure-requests", key: admin, json: ["email": "anna@example.de", "channel": "pigeon"])
            #expect(refused.body["param"] as? String == "channel")
            refused = try await client.call(.post, "/v2/compliance/erasure-requests", key: admin,
                                            json: ["email": "anna@example.de", "channel": "email", "received_at": "2999-01-01"])
            #expect(refused.body["param"] as? String == "received_at")
            refused = try await client.call(.post, "/v2/compliance/erasure-requests", key: admin, json: ["email": "nobody@example.de", "channel": "email"])
            #expect(refused.status == 404)

            let created = try await client.call(.post, "/v2/compliance/erasure-requests", key: admin,
                                                json: ["email": "Anna@example.de", "channel": "email", "received_at": "2026-01-31",
                                                       "note": "ERASURE-NOTE-MARKER asked by phone too"])
            #expect(created.status == 200, "\(created.body)")
            let request = try #require(created.body["erasure_request"] as? [String: Any])
            let id = try #require(request["id"] as? String)
            #expect(request["customer_id"] as? String == customerID)
            #expect(request["due_on"] as? String == "2026-02-28")
            #expect(request["status"] as? String == "received")

            #expect((try await client.call(.post, "/v2/compliance/erasure-requests/\(id)/execute", key: admin)).status == 409)
            let unverified = try await client.call(.post, "/v2/compliance/erasure-requests/\(id)/approve", key: admin, json: [:])
            #expect(unverified.body["param"] as? String == "identity_verification")
            let approved = try await client.call(.post, "/v2/compliance/erasure-requests/\(id)/approve", key: admin,
                                                 json: ["identity_verification": "reply from the address on file"])
            let approvedRequest = try #require(approved.body["erasure_request"] as? [String: Any])
            #expect(approvedRequest["status"] as? String == "approved")
            #expect((approvedRequest["identity_verified_by"] as? String)?.contains("admin") == true)
            #expect((try await client.call(.post, "/v2/compliance/erasure-requests/\(id)/approve", key: admin,
                                           json: ["identity_verification": "again"])).status == 409)

            let listed = try await client.call(.get, "/v2/compliance/erasure-requests?status=approved", key: admin)
            #expect((listed.body["data"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
            let overdue = try await client.call(.get, "/v2/compliance/erasure-requests?due_within=7", key: admin)
            #expect((overdue.body["data"] as? [[String: Any]])?.first?["overdue"] as? Bool == true, "received in January 2026, long due")

            let executed = try await client.call(.post, "/v2/compliance/erasure-requests/\(id)/execute", key: admin)
            #expect((executed.body["erasure_request"] as? [String: Any])?["status"] as? String == "executed")
            #expect((try await client.call(.get, "/v2/customers/retrieve/\(customerID)", key: admin)).status == 404)
            #expect((try await client.call(.post, "/v2/compliance/erasure-requests/\(id)/execute", key: admin)).status == 409)
            let shown = try await client.call(.get, "/v2/compliance/erasure-requests/\(id)", key: admin)
            #expect((shown.body["erasure_request"] as? [String: Any])?["executed_at"] is Int)
        }
        let actions = try await fixture.entries(after: 0).map(\.record.action)
        for action in ["erasure.request", "erasure.approve", "erasure.list", "erasure.execute", "erasure.view"] {
            #expect(actions.contains(action), "\(action) not logged")
        }
        // The note was sealed under the customer's key, which the execution destroyed.
        for file in try FileManager.default.contentsOfDirectory(atPath: fixture.directory.path) {
            let bytes = try Data(contentsOf: fixture.directory.appendingPathComponent(file))
            #expect(bytes.range(of: Data("ERASURE-NOTE-MARKER".utf8)) == nil, "note in clear in \(file)")
        }
    }

    @Test("reject needs a listed ground; extend: 1 or 2 months, with a reason, once")
    func rejectAndExtend() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            let customerID = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody()).customerID
            let today = TresorService.today().description
            func create() async throws -> String {
                let created = try await client.call(.post, "/v2/compliance/erasure-requests", key: admin,
                                                    json: ["customer_id": customerID, "channel": "letter", "received_at": today])
                return try #require((created.body["erasure_request"] as? [String: Any])?["id"] as? String)
            }
            let first = try await create()
            #expect((try await client.call(.post, "/v2/compliance/erasure-requests/\(first)/reject", key: admin, json: [:])).body["param"] as? String == "reason")
            #expect((try await client.call(.post, "/v2/compliance/erasure-requests/\(first)/reject", key: admin,
                                           json: ["reason": "do not feel like it"])).body["param"] as? String == "reason")
            let rejected = try await client.call(.post, "/v2/compliance/erasure-requests/\(first)/reject", key: admin, json: ["reason": "art17_3_b"])
            #expect((rejected.body["erasure_request"] as? [String: Any])?["rejection_reason"] as? String == "art17_3_b")

            let second = try await create()
            #expect((try await client.call(.post, "/v2/compliance/erasure-requests/\(second)/extend", key: admin,
                                           json: ["months": 3, "reason": "complex"])).body["param"] as? String == "months")
            #expect((try await client.call(.post, "/v2/compliance/erasure-requests/\(second)/extend", key: admin,
                                           json: ["months": 2])).body["param"] as? String == "reason")
            let extended = try await client.call(.post, "/v2/compliance/erasure-requests/\(second)/extend", key: admin,
                                                 json: ["months": 2, "reason": "twelve linked accounts"])
            let body = try #require(extended.body["erasure_request"] as? [String: Any])
            #expect(body["extension_months"] as? Int == 2)
            #expect(body["due_on"] as? String == CalendarDay(today)!.adding(months: 3).description)
            #expect((try await client.call(.post, "/v2/compliance/erasure-requests/\(second)/extend", key: admin,
                                           json: ["months": 1, "reason": "more"])).status == 409)
        }
    }
}
