import Foundation
import Testing
import TresorTestSupport

/// After a realistic workload on a real server (creates with idempotency keys, updates, addresses,
/// lists, emails through a relay, webhooks, an erasure request, a legal hold, erasures, an export)
/// no file of the data directory or of its backups holds any of the personal data written.
@Suite("reliability: data at rest")
struct AtRestTests {
    @Test("a scan of the data directory and of two backups finds none of the personal data written")
    func nothingInClear() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-at-rest-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data")
        let key = try TresorProcess.initialise(data.path)
        let relay = try SMTPRelay(directory: directory.appendingPathComponent("relay"))
        defer { relay.stop() }
        let server = try TresorProcess.serve(data.path, arguments: [
            "--smtp-host", "127.0.0.1", "--smtp-port", "\(relay.port)",
            "--smtp-security", "none", "--smtp-sender", "Shop <noreply@shop.example>", "--smtp-country", "de",
        ])
        defer { server.kill(SIGTERM) }
        let api = APIClient(port: try server.listeningPort, key: key)

        let received = directory.appendingPathComponent("received.jsonl"), secretFile = directory.appendingPathComponent("secret")
        let receiver = try TresorProcess.webhookReceiver(secretFile: secretFile, file: received)
        defer { receiver.kill(SIGKILL) }
        let endpoint = try await api.send("POST", "/v2/webhook-endpoints", [
            "url": "http://127.0.0.1:\(try receiver.listeningPort)/hook", "events": ["customer-created", "customer-updated"], "country": "de", "payload": "full",
        ])
        try #require((endpoint.body["webhook_endpoint"] as? [String: Any])?["secret"] as? String).write(to: secretFile, atomically: true, encoding: .utf8)
        let template = try await api.send("POST", "/v2/email-templates", [
            "name": "hello", "subject": "Hallo {{name}} {{last_name}}", "text_body": "Liebe/r {{name}} {{last_name}}, Ihre Firma {{company}}.",
        ])
        let templateID = try #require((template.body["email_template"] as? [String: Any])?["id"] as? String)
        let list = try await api.send("POST", "/v2/mailing-lists/create", ["name": "Newsletter"])
        let listID = try #require((list.body["mailing_list"] as? [String: Any])?["id"] as? String)

        var markers: [String] = []
        var ids: [String] = []
        for index in 0..<8 {
            func marker(_ field: String) -> String {
                let value = "Qz\(field)\(index)Mark"
                markers.append(value)
                return value
            }
            let email = "qzmail\(index)mark@example.de"
            markers.append(email)
            let body: [String: Any] = [
                "name": marker("Name"), "last_name": marker("Last"), "email": email, "phone": "+49 30 \(9_100_000 + index)", "company": marker("Firm"),
                "country": "de", "metadata": ["note": marker("Meta")],
                "billing_information": ["name": marker("BName"), "last_name": marker("BLast"), "company": marker("BFirm"), "representative": marker("Rep"),
                                        "email": "qzbill\(index)mark@example.de", "phone": "+49 40 \(9_200_000 + index)", "address": marker("Street"),
                                        "city": marker("City"), "postcode": "9\(index)117", "state": marker("State"), "message": marker("Msg"), "country": "de"],
                "shipping_information": ["name": marker("SName"), "address": marker("SStreet"), "city": marker("SCity"), "country": "at"],
            ]
            markers += ["qzbill\(index)mark@example.de", "+49 30 \(9_100_000 + index)", "+49 40 \(9_200_000 + index)"]
            let created = try await api.send("POST", "/v2/customers/create", body, headers: ["Idempotency-Key": "create-\(index)"])
            try #require(created.status == 200, "\(created.body)")
            let id = try #require((created.body["customer"] as? [String: Any])?["id"] as? String)
            ids.append(id)
            #expect(try await api.send("POST", "/v2/customers/update/\(id)", ["name": marker("Renamed")]).status == 200)
            #expect(try await api.send("POST", "/v2/customers/address/create/\(id)", [
                "name": marker("AName"), "address": marker("AStreet"), "city": marker("ACity"), "country": "de", "shipping_address": true,
            ]).status == 200)
            #expect(try await api.send("POST", "/v2/customers/add-to-list/\(id)", ["mailing_list": listID]).status == 200)
            #expect(try await api.send("POST", "/v2/customers/send-email/\(id)", ["email_template_id": templateID]).status == 200)
        }
        let request = try await api.send("POST", "/v2/compliance/erasure-requests", ["customer_id": ids[0], "channel": "letter", "note": "QzNoteMark by post"])
        markers.append("QzNoteMark")
        let requestID = try #require((request.body["erasure_request"] as? [String: Any])?["id"] as? String)
        #expect(try await api.send("POST", "/v2/customers/\(ids[0])/holds", ["rule": "invoices"]).status == 200)
        #expect(try await api.send("POST", "/v2/compliance/erasure-requests/\(requestID)/approve", ["identity_verification": "letter"]).status == 200)
        #expect(try await api.send("POST", "/v2/compliance/erasure-requests/\(requestID)/execute", nil).status == 200)
        #expect(try await api.send("DELETE", "/v2/customers/\(ids[1])", nil).status == 200)
        let export = try await api.raw("POST", "/v2/compliance/exports", body: try JSONSerialization.data(withJSONObject: ["customer_id": ids[2]]))
        #expect(export.status == 200 && export.body.count > 1000)

        try await TresorProcess.waitUntil("the emails at the relay", timeout: 30) { relay.messages().count >= 8 }
        try await TresorProcess.waitUntil("the webhooks at the receiver", timeout: 30) { try TresorProcess.records(received).count >= 16 }
        let plainBackup = directory.appendingPathComponent("backup")
        let keyedBackup = directory.appendingPathComponent("backup-keys")
        #expect(try TresorProcess.run(["backup", "--data-dir", data.path, "--out", plainBackup.path]).exitCode == 0)
        #expect(try TresorProcess.run(["backup", "--data-dir", data.path, "--out", keyedBackup.path, "--with-keys"]).exitCode == 0)
        server.kill(SIGTERM)
        try await Task.sleep(for: .milliseconds(500))

        // The scan finds the markers where they are meant to be in clear (what the receiver got).
        #expect(!Self.hits(markers, in: [received]).isEmpty, "the scan must find markers in the receiver's copy")
        var files: [URL] = []
        for folder in [data, plainBackup, keyedBackup] {
            files += try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        }
        #expect(files.count >= 10)
        for hit in Self.hits(markers, in: files) {
            Issue.record("\(hit.file) holds \(hit.marker) in clear")
        }
    }

    /// Every (file, marker) where the file's bytes contain the marker, as written or lower-cased.
    static func hits(_ markers: [String], in files: [URL]) -> [(file: String, marker: String)] {
        var hits: [(String, String)] = []
        for file in files {
            guard let bytes = FileManager.default.contents(atPath: file.path) else { continue }
            for marker in markers where bytes.range(of: Data(marker.utf8)) != nil || bytes.range(of: Data(marker.lowercased().utf8)) != nil {
                hits.append((file.lastPathComponent, marker))
            }
        }
        return hits
    }
}
