import Foundation
import Testing
import TresorTestSupport

/// Hostile input against a real `tresor serve`: each request gets a 4xx, the server stays up,
/// and nothing is written.
@Suite("reliability: hostile input")
struct HostileInputTests {
    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var method = "POST"
        var path = "/v2/customers/create"
        var body: Data?
        var contentType: String? = "application/json"
    }

    static func json(_ object: Any) -> Data { (try? JSONSerialization.data(withJSONObject: object)) ?? Data() }

    static var cases: [Case] {
        let valid: [String: Any] = ["name": "Eve", "email": "eve@example.de", "country": "de"]
        var nulByte = Data(#"{"name":"E"#.utf8)
        nulByte.append(0)
        nulByte.append(contentsOf: Array(#"ve","email":"nul@example.de","country":"de"}"#.utf8))
        return [
            Case(description: "a 2 MiB body", body: json(["name": String(repeating: "A", count: 2 << 20), "email": "big@example.de", "country": "de"])),
            Case(description: "a 1 MiB string in a field", body: json(["name": String(repeating: "A", count: (1 << 20) - 200), "email": "s@example.de", "country": "de"])),
            Case(description: "arrays nested 200,000 deep", body: Data((String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)).utf8)),
            Case(description: "objects nested 100,000 deep", body: Data((String(repeating: #"{"a":"#, count: 100_000) + "1" + String(repeating: "}", count: 100_000)).utf8)),
            Case(description: "invalid UTF-8", body: Data([0x7B, 0x22, 0x6E, 0x61, 0x6D, 0x65, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D])),
            Case(description: "a raw NUL byte inside a string", body: nulByte),
            Case(description: "an escaped NUL in the name", body: json(["name": "E\u{0}ve", "email": "nul2@example.de", "country": "de"])),
            Case(description: "10,000 customers in one bulk create", path: "/v2/customers/bulk/create",
                 body: json(["customers": (0..<10_000).map { ["name": "N\($0)", "email": "n\($0)@example.de", "country": "de"] }])),
            Case(description: "10,000 ids in one bulk remove", path: "/v2/customers/bulk/remove",
                 body: json(["customers": Array(repeating: UUID().uuidString, count: 10_000)])),
            Case(description: "10,000 billing addresses", body: json(valid.merging(["billing_addresses": Array(repeating: ["name": "A"], count: 10_000)]) { $1 })),
            Case(description: "text/plain", body: json(valid), contentType: "text/plain"),
            Case(description: "a form", body: Data("name=Eve&email=eve%40example.de&country=de".utf8), contentType: "application/x-www-form-urlencoded"),
            Case(description: "XML", body: Data("<customer><name>Eve</name></customer>".utf8), contentType: "application/xml"),
            Case(description: "an empty body", body: Data()),
            Case(description: "a JSON array instead of an object", body: Data("[1,2,3]".utf8)),
            Case(description: "a number where a string belongs", body: json(["name": 42, "email": "eve@example.de", "country": "de"])),
            Case(description: "path traversal in a retrieve id", method: "GET", path: "/v2/customers/retrieve/..%2F..%2F..%2Fetc%2Fpasswd", body: nil),
            Case(description: "path traversal in an update id", path: "/v2/customers/update/..%2Ftresor.sqlite", body: json(["name": "x"])),
            Case(description: "dot segments in a delete id", method: "DELETE", path: "/v2/customers/..%2E%2F..%2E%2Fkeys.sqlite", body: nil),
            Case(description: "a NUL in a path id", method: "GET", path: "/v2/customers/retrieve/%00", body: nil),
            Case(description: "an SQL fragment as an id", method: "GET", path: "/v2/customers/retrieve/1%27%20OR%20%271%27%3D%271", body: nil),
            Case(description: "an unknown field", body: json(valid.merging(["is_admin": true]) { $1 })),
            // Issue 21: a key given twice, plainly or through an escape.
            Case(description: "a duplicate key", body: Data(#"{"name":"Eve","email":"a@example.de","email":"b@example.de","country":"de"}"#.utf8)),
            Case(description: "a duplicate key spelled with an escape", body: Data(#"{"name":"Eve","n\u0061me":"Mallory","email":"c@example.de","country":"de"}"#.utf8)),
        ] + webhookURLs.map { url in
            Case(description: "a webhook endpoint at \(url)", path: "/v2/webhook-endpoints",
                 body: json(["url": url, "events": ["customer-created"], "country": "de", "payload": "full"]))
        }
    }

    /// Webhook URLs that point into the server's own network, in the forms the review tried.
    static let webhookURLs = [
        "https://169.254.169.254/latest/meta-data/", "https://10.0.0.1/hook", "https://[::ffff:127.0.0.1]/hook", "https://0.0.0.0/hook",
        "https://2130706433/hook", "https://0x7f.1/hook", "https://metadata.google.internal/computeMetadata/v1/",
        "http://localhost:8080/hook", "http://127.0.0.1:8080/hook", "https://[::1]/hook", "https://hooks.not-listed.example/hook",
    ]

    @Test("each hostile request gets a 4xx; the server stays up and nothing is written")
    func everyCaseRefused() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-hostile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data").path
        let key = try TresorProcess.initialise(data)
        let server = try TresorProcess.serve(data, loopbackWebhooks: false)
        let api = APIClient(port: try server.listeningPort, key: key)
        defer { server.kill(SIGTERM) }

        for hostile in Self.cases {
            let answer = try await api.raw(hostile.method, hostile.path, body: hostile.body, contentType: hostile.contentType)
            #expect((400..<500).contains(answer.status), "\(hostile): \(answer.status) \(String(decoding: answer.body.prefix(300), as: UTF8.self))")
            let health = try await api.raw("GET", "/healthz", body: nil, contentType: nil)
            #expect(health.status == 200, "the server is down after \(hostile)")
        }

        let listed = try await api.send("GET", "/v2/customers/list?include_leads=true", nil)
        #expect(listed.body["total_results"] as? Int == 0, "nothing was created: \(listed.body)")
        // The server still works for a well-formed request, and spellings of its path share one
        // Idempotency-Key: the same create sent to three of them makes one customer.
        var ids: Set<String> = []
        for path in ["/v2/customers/create", "/v2/customers/create/", "//v2/customers/create"] {
            let created = try await api.send("POST", path, ["name": "Eve", "email": "eve@example.de", "country": "de"], headers: ["Idempotency-Key": "hostile-1"])
            #expect(created.status == 200, "\(path): \(created.body)")
            if let id = (created.body["customer"] as? [String: Any])?["id"] as? String { ids.insert(id) }
        }
        #expect(ids.count == 1)
        // Other spellings of Eve's address are Eve's: compatibility forms, quotes, case, IDNA.
        for spelling in ["ｅｖｅ@example.de", "eve@ｅｘａｍｐｌｅ.de", "\"eve\"@example.de", "EVE@EXAMPLE.DE"] {
            let again = try await api.send("POST", "/v2/customers/create", ["name": "Eve", "email": spelling, "country": "de"])
            #expect(again.status == 409, "\(spelling): \(again.body)")
        }
        #expect(try await api.send("POST", "/v2/customers/create", ["name": "Ina", "email": "ina@bücher.de", "country": "de"]).status == 200)
        #expect(try await api.send("POST", "/v2/customers/create", ["name": "Ina", "email": "ina@xn--bcher-kva.de", "country": "de"]).status == 409)
        #expect(try await api.send("GET", "/v2/webhook-endpoints", nil).body["data"] as? [Any] != nil)
        #expect((try await api.send("GET", "/v2/webhook-endpoints", nil).body["data"] as? [Any])?.isEmpty == true, "no endpoint was registered")
        server.kill(SIGTERM)
        let creates = try TresorProcess.run(["audit", "query", "--data-dir", data, "--action", "customer.create", "--json"])
        // Refusals that reached validation are logged as failed attempts; only the well-formed create succeeded.
        let succeeded = creates.standardOutput.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .filter { $0["outcome"] as? String == "ok" }
        #expect(succeeded.count == 2, "Eve's and Ina's creates only: \(creates.standardOutput)")
        #expect(try TresorProcess.run(["audit", "verify", "--data-dir", data]).exitCode == 0)
    }
}
