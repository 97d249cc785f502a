import Foundation
import HummingbirdTesting
import Testing
import TresorTestSupport

/// List queries as integrations write them (issue 20): Python's `urlencode` and a WHATWG
/// `URLSearchParams` encoder, both run in python3, give the same customers as the literal form;
/// booleans in any case, `toISOString()` times and dates alone are read.
@Suite("list queries as clients encode them")
struct ListQueryEncodingTests {
    @Test("countries[], include_leads, from/to and per_page up to 1000, encoded three ways, list the same customers")
    func encodings() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            for (index, country) in ["de", "at", "fr", "de", "nl"].enumerated() {
                var body: [String: Any] = ["name": "List\(index)", "email": "list\(index)@example.de", "country": country]
                if index == 3 { body["category"] = "lead" }
                #expect(try await client.call(.post, "/v2/customers/create", key: admin, json: body).status == 200)
            }
            let literal = "countries[]=de&countries[]=at&include_leads=true&from=2000-01-01&to=2099-12-31T23:59:59.000Z&per_page=1000"
            let expected = try await Self.ids(client, admin, literal)
            #expect(expected.count == 3, "DE, AT and the DE lead")

            let pairs = [["countries[]", "de"], ["countries[]", "at"], ["include_leads", "True"], ["from", "2000-01-01T00:00:00.000Z"],
                         ["to", "2099-12-31T23:59:59.000Z"], ["per_page", "1000"]]
            let script = """
                import json, sys, urllib.parse
                pairs = [tuple(pair) for pair in json.loads(sys.argv[1])]
                print(urllib.parse.urlencode(pairs))
                # URLSearchParams (WHATWG application/x-www-form-urlencoded): only *-._ and alphanumerics stay.
                print("&".join(urllib.parse.quote_plus(k, safe="*") + "=" + urllib.parse.quote_plus(v, safe="*") for k, v in pairs))
                """
            let encoded = try ChildProcess.run(try PythonTools.python, ["-c", script, String(decoding: try JSONSerialization.data(withJSONObject: pairs), as: UTF8.self)])
            let forms = encoded.standardOutput.split(separator: "\n").map(String.init)
            #expect(forms.count == 2 && forms.allSatisfy { $0.contains("countries%5B%5D=de") }, "\(encoded.standardOutput) \(encoded.standardError)")
            for form in forms {
                #expect(try await Self.ids(client, admin, form) == expected, "\(form)")
            }

            for bad in ["per_page=1001", "from=yesterday", "include_leads=maybe", "countries%5B%5D=zz", "colour%5B%5D=red", "email=%E0%A4%A"] {
                let refused = try await client.call(.get, "/v2/customers/list?\(bad)", key: admin)
                #expect(refused.status == 422, "\(bad): \(refused.status) \(refused.body)")
            }
            let colour = try await client.call(.get, "/v2/customers/list?colour%5B%5D=red", key: admin)
            #expect(colour.body["param"] as? String == "colour[]", "the decoded name is named: \(colour.body)")
        }
    }

    @Test("filter, as urlencode and URLSearchParams send it: a word and a prefix find the customer; one short word is 422 naming filter")
    func filter() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            let body: [String: Any] = ["name": "Jürgen", "last_name": "Schäfer-Ost", "email": "j.schaefer@ostwind.example", "country": "de"]
            let id = try await client.call(.post, "/v2/customers/create", key: admin, json: body).customerID
            _ = try await client.call(.post, "/v2/customers/create", key: admin, json: ["name": "Other", "email": "other@example.de", "country": "de"])
            let script = """
                import sys, urllib.parse
                print(urllib.parse.urlencode([("filter", sys.argv[1])]))
                print("filter=" + urllib.parse.quote_plus(sys.argv[1], safe="*"))
                print("filter=" + urllib.parse.quote(sys.argv[1], safe=""))
                """
            let encoded = try ChildProcess.run(try PythonTools.python, ["-c", script, "Schäfer jür"])
            let forms = encoded.standardOutput.split(separator: "\n").map(String.init)
            #expect(forms.count == 3, "\(encoded.standardOutput) \(encoded.standardError)")
            for form in forms {
                #expect(try await Self.ids(client, admin, form) == [id], "\(form)")
            }
            #expect(try await Self.ids(client, admin, "filter=ostwind") == [id], "a word of the email's domain")
            #expect(try await Self.ids(client, admin, "filter=nobody").isEmpty)
            let short = try await client.call(.get, "/v2/customers/list?filter=ab", key: admin)
            #expect(short.status == 422 && short.body["param"] as? String == "filter", "\(short.body)")
        }
    }

    static func ids(_ client: any TestClientProtocol, _ key: String, _ query: String) async throws -> Set<String> {
        let listed = try await client.call(.get, "/v2/customers/list?\(query)", key: key)
        #expect(listed.status == 200, "\(query): \(listed.body)")
        return Set((listed.body["customers"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
    }
}
