import Foundation
import HummingbirdTesting
import Testing
import TresorModel

/// Tamio's documented requests (Fixtures/tamio-examples.json, copied from
/// `../shared/reference/tamio-customers-api.md`) replayed against Tresor with a standard key and
/// with a key in Tamio compatibility mode: every customer, lead and teammate endpoint answers
/// with the fields a Tamio client reads, and each documented failure answers as the mode says.
@Suite("Tamio's documented requests, replayed")
struct TamioReplayTests {
    @Test("every example answers with the fields a Tamio client reads; failures are Tresor's problems, or Tamio's 400 in compatibility mode",
          arguments: APICompatibility.allCases)
    func replay(mode: APICompatibility) async throws {
        let examples = try TamioExamples.load()
        #expect(examples.examples.count >= 30)
        let fixture = try await HTTPFixture(email: EmailEndpointTests.settings)
        let key = try await fixture.store.apiKeys.create(name: "replay", roleName: "admin", reach: .all, compatibility: mode).secret
        try await fixture.test { client in
            var ids = try await Self.setUp(client, key: key)
            for example in examples.examples {
                let answer = try await client.call(example.method, ids.filled(example.path), key: key, json: example.body.map(ids.filled))
                #expect(answer.status == 200, "\(example.name): \(answer.status) \(answer.body)")
                #expect(answer.body["status"] as? Int == 200, "\(example.name): Tamio's envelope carries status 200")
                for path in example.reads {
                    #expect(TamioExamples.value(at: path, in: answer.body) != nil, "\(example.name): a Tamio client reads \(path): \(answer.body)")
                }
                if example.name == "create customer" { ids.values["created"] = answer.customerID }
                guard let error = example.error else { continue }
                let failed = try await client.call(example.method, ids.filled(error.path ?? example.path), key: key,
                                                   json: (error.body ?? example.body).map(ids.filled))
                Self.check(failed, error, mode: mode, name: example.name)
                if let then = error.then {
                    let after = try await client.call(.get, ids.filled(then.path), key: key)
                    let expected = ids.filled(mode == .tamio ? then.tamio : then.standard)
                    let found = TamioExamples.value(at: then.field, in: after.body) ?? NSNull()
                    #expect((found as? NSObject)?.isEqual(expected) == true,
                            "\(example.name): after the failed request \(then.field) is \(found), expected \(expected) (\(mode))")
                }
            }
            for example in examples.outOfScope {
                let answer = try await client.call(example.method, ids.filled(example.path), key: key, json: example.body.map(ids.filled))
                #expect(answer.status == (mode == .tamio ? 400 : 404) && answer.body["error_code"] as? Int == 404,
                        "\(example.name) is not offered: \(answer.status) \(answer.body)")
            }
        }
    }

    /// A documented failure: Tresor's status and problem (or, for a bulk request, 200 with the
    /// id in `errors`), or in Tamio mode HTTP 400 with exactly Tamio's three members.
    static func check(_ failed: APIResult, _ error: TamioExamples.Failure, mode: APICompatibility, name: String) {
        switch mode {
        case .tamio:
            #expect(failed.status == 400, "\(name): \(failed.status) \(failed.body)")
            #expect(Set(failed.body.keys) == ["status", "error", "error_code"], "\(name): Tamio's body, no more: \(failed.body)")
            #expect(failed.body["status"] as? Int == 400 && failed.body["error_code"] as? Int == error.errorCode, "\(name): \(failed.body)")
            #expect((failed.body["error"] as? String)?.isEmpty == false, "\(name): a message for people")
        case .standard:
            #expect(failed.status == error.status, "\(name): \(failed.status) \(failed.body)")
            if error.status == 200 {
                let itemErrors = failed.body["errors"] as? [[String: Any]] ?? []
                #expect(itemErrors.first?["error_code"] as? Int == error.errorCode, "\(name): the item's error: \(failed.body)")
            } else {
                #expect(failed.body["error_code"] as? Int == error.errorCode && failed.body["type"] as? String == "about:blank",
                        "\(name): a problem with Tamio's code: \(failed.body)")
            }
        }
    }

    /// The teammate, list, template, customers and leads the examples name.
    static func setUp(_ client: some TestClientProtocol, key: String) async throws -> TamioExamples.IDs {
        var ids = TamioExamples.IDs()
        ids.values["unknown"] = UUID().uuidString.lowercased()
        let teammate = try await client.call(.post, "/v2/teammates/create", key: key,
                                             json: ["name": "Theo", "email": "theo@example.de", "role": "support-agent"])
        ids.values["teammate"] = (teammate.body["teammate"] as? [String: Any])?["id"] as? String
        let list = try await client.call(.post, "/v2/mailing-lists/create", key: key, json: ["name": "Newsletter"])
        ids.values["list"] = (list.body["mailing_list"] as? [String: Any])?["id"] as? String
        let template = try await client.call(.post, "/v2/email-templates", key: key, json: EmailEndpointTests.template)
        ids.values["template"] = (template.body["email_template"] as? [String: Any])?["id"] as? String
        for (name, email) in [("customer", "anna@example.de"), ("other", "otto@example.de"), ("third", "dora@example.de"), ("fourth", "vera@example.de")] {
            let created = try await client.call(.post, "/v2/customers/create", key: key, json: customerBody(name.capitalized, email: email))
            ids.values[name] = created.customerID
            ids.values["\(name)_email"] = email
            if name == "customer" { ids.values["address"] = (created.customer["billing_addresses"] as? [[String: Any]])?.first?["id"] as? String }
        }
        for (name, email) in [("lead", "lisa@example.de"), ("lead2", "lutz@example.de"), ("lead3", "lore@example.de")] {
            let created = try await client.call(.post, "/v2/leads/create", key: key,
                                                json: ["name": "Lead", "email": email, "country": "de", "priority": "normal", "lead_status": "new_lead"])
            ids.values[name] = created.customerID
            ids.values["\(name)_email"] = email
        }
        let missing = ids.values.filter { $0.value?.isEmpty != false }.map(\.key)
        #expect(missing.isEmpty, "set-up failed for \(missing)")
        return ids
    }
}
