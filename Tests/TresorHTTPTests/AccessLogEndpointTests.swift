import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import TresorModel
import TresorStore
import TresorTestSupport

/// Every endpoint of the customer API, allowed, denied and not found, leaves its access-log entry:
/// action, outcome, subjects, fields, actor and the response's request id.
@Suite("access log through the API")
struct AccessLogEndpointTests {
    /// One expected entry: the call's action, outcome and subjects (nil: not checked).
    struct Expected {
        var action: String
        var outcome: AccessRecord.Outcome
        var subjects: [String]?
    }

    @Test("each endpoint, allowed, denied and not found, leaves the entry it should")
    func everyEndpoint() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        let marketing = fixture.keys["marketing"]!
        let missing = UUID().uuidString.lowercased()
        try await fixture.test { client in
            var checked = 0
            /// Calls, then checks the entries appended since the call began.
            func expect(_ method: HTTPRequest.Method, _ uri: String, key: String, json: Any? = nil, status: Int,
                        _ expected: [Expected], fields: [String]? = nil) async throws -> APIResult {
                let before = try await fixture.lastSequence()
                let result = try await client.call(method, uri, key: key, json: json)
                #expect(result.status == status, "\(method) \(uri) \(result.body)")
                let entries = try await fixture.entries(after: before)
                #expect(entries.map(\.record.action) == expected.map(\.action), "\(method) \(uri)")
                for (entry, want) in zip(entries, expected) {
                    #expect(entry.record.outcome == want.outcome, "\(method) \(uri)")
                    if let subjects = want.subjects {
                        #expect(entry.record.subjects.map { $0.uuidString.lowercased() } == subjects, "\(method) \(uri)")
                    }
                    #expect(entry.record.requestID == result.headers[.init("request-id")!], "\(method) \(uri)")
                    #expect(entry.record.actor.kind == .apiKey)
                    #expect(entry.record.actor.role == (key == admin ? "admin" : "marketing"))
                }
                if let fields, let first = entries.first { #expect(first.record.fields == fields, "\(method) \(uri)") }
                checked += 1
                return result
            }

            // Customers
            let created = try await expect(.post, "/v2/customers/create", key: admin, json: customerBody(), status: 200,
                                           [Expected(action: "customer.create", outcome: .ok, subjects: nil)])
            let id = created.customerID
            #expect(try await fixture.entries(after: 0).last?.record.subjects.map { $0.uuidString.lowercased() } == [id])
            _ = try await expect(.post, "/v2/customers/create", key: marketing, json: customerBody(email: "m@example.de"), status: 403,
                                 [Expected(action: "customer.create", outcome: .denied, subjects: [])])
            _ = try await expect(.get, "/v2/customers/retrieve/\(id)", key: admin, status: 200, [Expected(action: "customer.view", outcome: .ok, subjects: [id])])
            _ = try await expect(.get, "/v2/customers/retrieve/\(missing)", key: admin, status: 404,
                                 [Expected(action: "customer.view", outcome: .notFound, subjects: [missing])])
            _ = try await expect(.post, "/v2/customers/update/\(id)", key: admin, json: ["name": "Anne"], status: 200,
                                 [Expected(action: "customer.update", outcome: .ok, subjects: [id])], fields: ["name"])
            _ = try await expect(.post, "/v2/customers/update/\(id)", key: marketing, json: ["name": "Bob"], status: 403,
                                 [Expected(action: "customer.update", outcome: .denied, subjects: [])])
            _ = try await expect(.post, "/v2/customers/update/\(missing)", key: admin, json: ["name": "Bob"], status: 404,
                                 [Expected(action: "customer.update", outcome: .notFound, subjects: [missing])])
            _ = try await expect(.get, "/v2/customers/list", key: admin, status: 200, [Expected(action: "customer.list", outcome: .ok, subjects: [id])])

            // Addresses
            let withAddress = try await expect(.post, "/v2/customers/address/create/\(id)", key: admin,
                                               json: ["name": "Anna", "country": "de", "city": "Köln", "shipping_address": true], status: 200,
                                               [Expected(action: "address.create", outcome: .ok, subjects: [id])])
            let addresses = withAddress.customer["shipping_addresses"] as? [[String: Any]] ?? []
            let addressID = try #require(addresses.last?["id"] as? String)
            _ = try await expect(.post, "/v2/customers/address/update/\(addressID)", key: admin, json: ["name": "Anna", "country": "de", "address": "Weg 2", "city": "Bonn", "email": "anna@example.de"],
                                 status: 200, [Expected(action: "address.update", outcome: .ok, subjects: [id])])
            _ = try await expect(.delete, "/v2/customers/address/\(addressID)", key: admin, status: 200,
                                 [Expected(action: "address.delete", outcome: .ok, subjects: [id])])
            _ = try await expect(.delete, "/v2/customers/address/\(missing)", key: admin, status: 404,
                                 [Expected(action: "address.delete", outcome: .notFound, subjects: [])])

            // Mailing lists and membership
            let list = try await expect(.post, "/v2/mailing-lists/create", key: admin, json: ["name": "News"], status: 200,
                                        [Expected(action: "mailing_list.create", outcome: .ok, subjects: [])])
            let listID = try #require((list.body["mailing_list"] as? [String: Any])?["id"] as? String)
            _ = try await expect(.get, "/v2/mailing-lists/list", key: admin, status: 200, [Expected(action: "mailing_list.list", outcome: .ok, subjects: [])])
            _ = try await expect(.get, "/v2/mailing-lists/retrieve/\(listID)", key: admin, status: 200,
                                 [Expected(action: "mailing_list.view", outcome: .ok, subjects: [])])
            _ = try await expect(.post, "/v2/customers/add-to-list/\(id)", key: admin, json: ["mailing_list": listID], status: 200,
                                 [Expected(action: "list.add", outcome: .ok, subjects: [id]), Expected(action: "customer.view", outcome: .ok, subjects: [id])])
            _ = try await expect(.post, "/v2/customers/remove-from-list/\(id)", key: admin, json: ["mailing_list": listID], status: 200,
                                 [Expected(action: "list.remove", outcome: .ok, subjects: [id]), Expected(action: "customer.view", outcome: .ok, subjects: [id])])
            _ = try await expect(.post, "/v2/customers/bulk/add-to-list", key: admin, json: ["customers": [id, missing], "mailing_list": listID],
                                 status: 200, [Expected(action: "list.add", outcome: .ok, subjects: [id])])

            // Teammates and assignment
            let teammate = try await expect(.post, "/v2/teammates/create", key: admin, json: ["name": "Tom", "email": "tom@example.de"], status: 200,
                                            [Expected(action: "teammate.create", outcome: .ok, subjects: nil)])
            let teammateID = try #require((teammate.body["teammate"] as? [String: Any])?["id"] as? String)
            _ = try await expect(.get, "/v2/teammates/retrieve/\(teammateID)", key: admin, status: 200,
                                 [Expected(action: "teammate.view", outcome: .ok, subjects: [teammateID])])
            _ = try await expect(.get, "/v2/teammates/list", key: admin, status: 200, [Expected(action: "teammate.list", outcome: .ok, subjects: [teammateID])])
            _ = try await expect(.post, "/v2/customers/bulk/assign-to-teammate", key: admin, json: ["customers": [id], "teammate_id": teammateID],
                                 status: 200, [Expected(action: "customer.assign", outcome: .ok, subjects: [id])])
            _ = try await expect(.get, "/v2/teammates/list", key: marketing, status: 403, [Expected(action: "teammate.list", outcome: .denied, subjects: [])])

            // Bulk create and delete
            let bulk = try await expect(.post, "/v2/customers/bulk/create", key: admin,
                                        json: ["customers": [customerBody("B", email: "b@example.de"), ["name": "no email"]]], status: 200,
                                        [Expected(action: "customer.create", outcome: .ok, subjects: nil)])
            let bulkIDs = bulk.body["customers"] as? [String] ?? []
            #expect(bulkIDs.count == 1)
            _ = try await expect(.post, "/v2/customers/bulk/delete", key: admin, json: ["customers": bulkIDs + [missing]], status: 200,
                                 [Expected(action: "customer.delete", outcome: .ok, subjects: bulkIDs)])
            _ = try await expect(.post, "/v2/customers/bulk/remove", key: marketing, json: ["customers": [id]], status: 403,
                                 [Expected(action: "customer.delete", outcome: .denied, subjects: [])])

            // Deletions, and reading the log
            _ = try await expect(.delete, "/v2/mailing-lists/\(listID)", key: admin, status: 200, [Expected(action: "mailing_list.delete", outcome: .ok, subjects: [])])
            _ = try await expect(.delete, "/v2/teammates/\(teammateID)", key: admin, status: 200,
                                 [Expected(action: "teammate.delete", outcome: .ok, subjects: [teammateID])])
            _ = try await expect(.delete, "/v2/customers/\(id)", key: marketing, status: 403, [Expected(action: "customer.delete", outcome: .denied, subjects: [])])
            _ = try await expect(.delete, "/v2/customers/\(id)", key: admin, status: 200, [Expected(action: "customer.delete", outcome: .ok, subjects: [id])])
            _ = try await expect(.delete, "/v2/customers/\(id)", key: admin, status: 404, [Expected(action: "customer.delete", outcome: .notFound, subjects: [id])])
            let log = try await expect(.get, "/v2/audit/entries?customer=\(id)&limit=3", key: admin, status: 200,
                                       [Expected(action: "audit.read", outcome: .ok, subjects: [id])])
            #expect((log.body["data"] as? [[String: Any]])?.count == 3)
            #expect(log.body["has_more"] as? Bool == true)
            _ = try await expect(.get, "/v2/audit/entries", key: marketing, status: 403, [Expected(action: "audit.read", outcome: .denied, subjects: [])])
            #expect(checked == 33)
        }
        let result = try await fixture.store.accessLog.checkpointIfDue(force: true)
        #expect(result != nil)
    }

    @Test("the purpose is the tresor-purpose header, else the role's default")
    func purpose() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            let id = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody()).customerID
            var headers: HTTPFields = [.authorization: "Bearer \(admin)"]
            headers[HTTPField.Name("tresor-purpose")!] = "contract"
            _ = try await client.execute(uri: "/v2/customers/retrieve/\(id)", method: .get, headers: headers)
            // A purpose that processing.yaml does not list is refused before anything is read.
            headers[HTTPField.Name("tresor-purpose")!] = "fraud-check"
            let refused = try await client.execute(uri: "/v2/customers/retrieve/\(id)", method: .get, headers: headers) { response in
                (response.status.code, (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:])
            }
            #expect(refused.0 == 422 && refused.1["param"] as? String == "tresor-purpose")
        }
        let entries = try await fixture.entries(after: 0)
        #expect(entries.map(\.record.purpose) == ["administration", "contract"])
    }

    @Test("GET /v2/audit/entries filters, pages by cursor and refuses bad parameters naming them")
    func auditEntriesEndpoint() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            let first = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody("A", email: "a@example.de"))
            _ = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody("B", email: "b@example.de"))
            _ = try await client.call(.get, "/v2/customers/retrieve/\(first.customerID)", key: admin)

            let views = try await client.call(.get, "/v2/audit/entries?action=customer.view", key: admin)
            let data = views.body["data"] as? [[String: Any]] ?? []
            #expect(data.count == 1)
            #expect(data.first?["subjects"] as? [String] == [first.customerID])
            #expect((data.first?["actor"] as? [String: Any])?["name"] as? String == "admin")

            let page1 = try await client.call(.get, "/v2/audit/entries?action=customer.*&limit=2", key: admin)
            let sequences1 = (page1.body["data"] as? [[String: Any]] ?? []).compactMap { $0["sequence"] as? Int }
            #expect(sequences1.count == 2)
            #expect(page1.body["has_more"] as? Bool == true)
            let page2 = try await client.call(.get, "/v2/audit/entries?action=customer.*&limit=2&starting_after=\(sequences1.last!)", key: admin)
            let sequences2 = (page2.body["data"] as? [[String: Any]] ?? []).compactMap { $0["sequence"] as? Int }
            #expect(sequences2.count == 1)
            #expect(sequences2.first! > sequences1.last!)

            let future = try await client.call(.get, "/v2/audit/entries?since=2100-01-01", key: admin)
            #expect((future.body["data"] as? [Any])?.isEmpty == true)

            for (query, field) in [("since=yesterday", "since"), ("customer=42", "customer"), ("limit=0", "limit"), ("who=me", "who"),
                                   ("starting_after=-1", "starting_after")] {
                let bad = try await client.call(.get, "/v2/audit/entries?\(query)", key: admin)
                #expect(bad.status == 422, "\(query)")
                #expect(bad.body["param"] as? String == field, "\(query)")
            }
        }
    }

    @Test("fail closed: when the entry cannot be written, writes do not happen and reads hand out nothing")
    func failClosed() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            let anna = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody())
            #expect(anna.status == 200)
            try fixture.raw("CREATE TRIGGER log_down BEFORE INSERT ON access_log BEGIN SELECT RAISE(ABORT, 'access log unavailable'); END")

            let create = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody("Bert", email: "bert@example.de"))
            #expect(create.status == 500)
            let read = try await client.call(.get, "/v2/customers/retrieve/\(anna.customerID)", key: admin)
            #expect(read.status == 500)
            #expect(read.body["customer"] == nil)
            let update = try await client.call(.post, "/v2/customers/update/\(anna.customerID)", key: admin, json: ["name": "Changed"])
            #expect(update.status == 500)
            let delete = try await client.call(.delete, "/v2/customers/\(anna.customerID)", key: admin)
            #expect(delete.status == 500)
            let list = try await client.call(.get, "/v2/customers/list", key: admin)
            #expect(list.status == 500)
            #expect(list.body["customers"] == nil)

            try fixture.raw("DROP TRIGGER log_down")
            let after = try await client.call(.get, "/v2/customers/retrieve/\(anna.customerID)", key: admin)
            #expect(after.status == 200)
            #expect(after.customer["name"] as? String == "Anna")
            let listed = try await client.call(.get, "/v2/customers/list", key: admin)
            #expect((listed.body["customers"] as? [Any])?.count == 1)
            let again = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody("Bert", email: "bert@example.de"))
            #expect(again.status == 200)
        }
        let keys = fixture.directory.appendingPathComponent("keys.sqlite").path
        #expect(try SQLiteFile.scalar(keys, "SELECT count(*) FROM subject_keys") == "2")
    }

    @Test("a refused create is one entry, outcome error or denied, never an ok entry beside it")
    func refusedCreateIsOneEntry() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            _ = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody())
            let start = try await fixture.lastSequence()
            var invalid = customerBody("Zed", email: "zed@example.de")
            invalid["country"] = "xx"
            #expect((try await client.call(.post, "/v2/customers/create", key: admin, json: invalid)).status == 422)
            #expect((try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody("Twin"))).status == 409)
            let entries = try await fixture.entries(after: start).filter { $0.record.action == "customer.create" }
            #expect(entries.map(\.record.outcome) == [.error, .error])
        }
    }
}

extension HTTPFixture {
    func lastSequence() async throws -> Int64 {
        try await entries(after: 0).last?.sequence ?? 0
    }

    func entries(after sequence: Int64) async throws -> [AccessLogEntry] {
        var entries: [AccessLogEntry] = []
        try await store.forEachAccessLogEntry(AccessLogQuery(afterSequence: sequence)) { entries.append($0); return true }
        return entries
    }

    /// Runs SQL on the data file through a second connection.
    func raw(_ sql: String) throws {
        try SQLiteFile.execute(directory.appendingPathComponent("tresor.sqlite").path, script: sql)
    }
}
