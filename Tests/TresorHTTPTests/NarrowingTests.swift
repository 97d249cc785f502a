import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TresorHTTP
import TresorModel
import TresorService

/// The findings of the security review about narrowed keys (issue 21): each reproduced as it was
/// observed, and answered now as if the customer outside the key's reach did not exist.
@Suite("HTTP: narrowing on the routes that are not about customers")
struct NarrowingTests {
    /// Two customers, "mine" (A) and "other" (B), and keys narrowed to A.
    struct Setting: Sendable {
        var mine: String
        var other: String
    }

    static func customers(_ client: any TestClientProtocol, admin: String) async throws -> Setting {
        let mine = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody("Mine", email: "mine@example.de")).customerID
        let other = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody("Other", email: "other@example.de")).customerID
        return Setting(mine: mine, other: other)
    }

    /// A problem's body without what differs from call to call (request id, path, the id asked for).
    static func shape(_ result: APIResult, replacing ids: [String]) -> String {
        var body = result.body
        body["request_id"] = nil
        body["instance"] = nil
        var text = String(decoding: try! JSONSerialization.data(withJSONObject: body, options: .sortedKeys), as: UTF8.self)
        for id in ids { text = text.replacingOccurrences(of: id, with: "ID") }
        return "\(result.status) \(text)"
    }

    @Test("high: an erasure admin narrowed to A neither sees nor decides nor executes B's erasure request")
    func erasureRequests() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            let setting = try await Self.customers(client, admin: admin)
            let narrowed = try await fixture.key(role: "erasure-admin", reach: .customers([setting.mine]))
            var requestIDs: [String: String] = [:]
            for (name, customer) in [("mine", setting.mine), ("other", setting.other)] {
                let created = try await client.call(.post, "/v2/compliance/erasure-requests", key: admin, json: ["customer_id": customer, "channel": "email"])
                requestIDs[name] = try #require((created.body["erasure_request"] as? [String: Any])?["id"] as? String)
            }
            let otherRequest = requestIDs["other"]!
            let unknown = UUID().uuidString.lowercased()

            let listed = try await client.call(.get, "/v2/compliance/erasure-requests", key: narrowed)
            #expect((listed.body["data"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [requestIDs["mine"]!])

            let steps: [(String, [String: Any]?)] = [
                ("", nil), ("/approve", ["identity_verification": "id_document"]), ("/reject", ["reason": "manifestly_unfounded"]),
                ("/extend", ["months": 1, "reason": "complex"]), ("/execute", nil),
            ]
            // Approve B's request with the admin key, so that execute would act if reach were not checked.
            #expect(try await client.call(.post, "/v2/compliance/erasure-requests/\(otherRequest)/approve", key: admin,
                                          json: ["identity_verification": "id_document"]).status == 200)
            for (step, body) in steps {
                let method: HTTPRequest.Method = step.isEmpty ? .get : .post
                let outside = try await client.call(method, "/v2/compliance/erasure-requests/\(otherRequest)\(step)", key: narrowed, json: body)
                let absent = try await client.call(method, "/v2/compliance/erasure-requests/\(unknown)\(step)", key: narrowed, json: body)
                #expect(outside.status == 404, "\(step): \(outside.body)")
                #expect(Self.shape(outside, replacing: [otherRequest]) == Self.shape(absent, replacing: [unknown]), "\(step)")
            }
            // B is still there; its request is still approved, not executed.
            #expect(try await client.call(.get, "/v2/customers/retrieve/\(setting.other)", key: admin).status == 200)
            let shown = try await client.call(.get, "/v2/compliance/erasure-requests/\(otherRequest)", key: admin)
            #expect((shown.body["erasure_request"] as? [String: Any])?["status"] as? String == "approved")

            // Once B is erased, its certificate is not found for the narrowed key either.
            #expect(try await client.call(.post, "/v2/compliance/erasure-requests/\(otherRequest)/execute", key: admin).status == 200)
            #expect(try await client.call(.get, "/v2/compliance/erasure-certificates/\(setting.other)", key: admin).status == 200)
            let certificate = try await client.call(.get, "/v2/compliance/erasure-certificates/\(setting.other)", key: narrowed)
            let noCertificate = try await client.call(.get, "/v2/compliance/erasure-certificates/\(unknown)", key: narrowed)
            #expect(Self.shape(certificate, replacing: [setting.other]) == Self.shape(noCertificate, replacing: [unknown]))
        }
    }

    @Test("high: a narrowed key cannot register webhook endpoints or read deliveries; narrowing such a role is refused")
    func webhooks() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            let setting = try await Self.customers(client, admin: admin)
            // A narrowed admin key, as one made before narrowing such roles was refused.
            let narrowed = try await fixture.key(role: "admin", reach: .customers([setting.mine]))
            let registered = try await client.call(.post, "/v2/webhook-endpoints", key: narrowed,
                                                   json: ["url": "https://hooks.example.de/tresor", "country": "de", "events": ["customer-updated"], "payload": "full"])
            #expect(registered.status == 403)
            #expect((registered.body["error"] as? String)?.contains("narrowed") == true, "\(registered.body)")
            #expect(try await client.call(.get, "/v2/webhook-endpoints", key: narrowed).status == 403)
            // Customer routes of the same key still work within its reach.
            #expect(try await client.call(.get, "/v2/customers/retrieve/\(setting.mine)", key: narrowed).status == 200)
        }
        let adminRole = try #require(fixture.policies.roles.role(named: "admin"))
        #expect(throws: NarrowingRefusal.self) { try adminRole.checkNarrowing(CustomerReach.customers(["x"])) }
        #expect(throws: NarrowingRefusal.self) { try adminRole.checkNarrowing(CustomerReach.assignedTo(teammateID: "t")) }
        try adminRole.checkNarrowing(CustomerReach.all)
        try #require(fixture.policies.roles.role(named: "erasure-admin")).checkNarrowing(CustomerReach.customers(["x"]))
    }

    @Test("medium: a narrowed compliance officer reads only its customer's log entries, holds and retained data")
    func auditAndHolds() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            let setting = try await Self.customers(client, admin: admin)
            let narrowed = try await fixture.key(role: "compliance-officer", reach: .customers([setting.mine]))
            // One entry names both customers.
            let list = try #require((try await client.call(.post, "/v2/mailing-lists/create", key: admin, json: ["name": "News"])
                .body["mailing_list"] as? [String: Any])?["id"] as? String)
            #expect(try await client.call(.post, "/v2/customers/bulk/add-to-list", key: admin,
                                          json: ["customers": [setting.mine, setting.other], "mailing_list": list]).status == 200)

            let everything = try await client.call(.get, "/v2/audit/entries", key: narrowed)
            #expect(everything.status == 422 && everything.body["param"] as? String == "customer")
            let outside = try await client.call(.get, "/v2/audit/entries?customer=\(setting.other)", key: narrowed)
            #expect(outside.status == 404)
            let own = try await client.call(.get, "/v2/audit/entries?customer=\(setting.mine)", key: narrowed)
            let entries = try #require(own.body["data"] as? [[String: Any]])
            #expect(entries.count >= 2)
            let text = String(decoding: try JSONSerialization.data(withJSONObject: own.body), as: UTF8.self)
            #expect(!text.contains(setting.other), "no entry shows the other customer's id")

            // Holds: B's hold is not listed, its retained data not found.
            for customer in [setting.mine, setting.other] {
                #expect(try await client.call(.post, "/v2/customers/\(customer)/holds", key: admin, json: ["rule": "invoices"]).status == 200)
            }
            let holds = try await client.call(.get, "/v2/compliance/holds", key: narrowed)
            let listed = try #require(holds.body["data"] as? [[String: Any]])
            #expect(listed.compactMap { $0["customer_id"] as? String } == [setting.mine])
            let all = try #require(try await client.call(.get, "/v2/compliance/holds", key: admin).body["data"] as? [[String: Any]])
            let otherHold = try #require(all.first { $0["customer_id"] as? String == setting.other }?["id"] as? String)
            #expect(try await client.call(.delete, "/v2/customers/\(setting.other)", key: admin).status == 200)
            let retained = try await client.call(.get, "/v2/compliance/holds/\(otherHold)/retained-data", key: narrowed)
            let unknown = UUID().uuidString.lowercased()
            let absent = try await client.call(.get, "/v2/compliance/holds/\(unknown)/retained-data", key: narrowed)
            #expect(Self.shape(retained, replacing: [otherHold]) == Self.shape(absent, replacing: [unknown]))
            // The wrong purpose is refused without naming the right one.
            let wrongPurpose = try await client.call(.get, "/v2/compliance/holds/\(otherHold)/retained-data", key: fixture.keys["compliance-officer"]!)
            #expect(wrongPurpose.status == 403)
            #expect((wrongPurpose.body["error"] as? String)?.contains("invoicing") == false, "\(wrongPurpose.body)")
        }
    }

    @Test("an export job belongs to the key that started it")
    func exportJobsAreBound() async throws {
        let fixture = try await HTTPFixture()
        let jobs = ExportJobs()
        let exporter = try #require(fixture.service.exporter)
        let job = await jobs.start(subjectID: UUID(), owner: "key_a", purpose: .art15, language: nil, exporter: exporter)
        #expect(await jobs.job(job.id, owner: "key_a")?.id == job.id)
        #expect(await jobs.job(job.id, owner: "key_b") == nil)
    }
}
