import Foundation
import HummingbirdTesting
import Logging
import Testing
import TresorJobs
import TresorHTTP
import TresorMail
import TresorModel
import TresorService
import TresorStore
import TresorTestSupport

/// Email templates, send-email and bulk/send-email through the HTTP app; delivery to a real SMTP
/// server (aiosmtpd) by the delivery service.
@Suite("emails")
struct EmailEndpointTests {
    static let settings = EmailSettings(sender: MailAddress(name: "Tresor Shop", address: "noreply@shop.example"), relay: "mail relay 127.0.0.1 (DE)")

    static var template: [String: Any] { [
        "name": "welcome", "subject": "Willkommen, {{name}}!",
        "text_body": "Hallo {{name}} {{last_name}},\n{{#billing_addresses}}Rechnung an {{city}}\n{{/billing_addresses}}.\nGrüße",
        "html_body": "<p>Hallo {{name}}</p>",
    ] }

    @Test("templates: created, listed, read and deleted; a broken placeholder or a two-line subject is refused naming the field")
    func templates() async throws {
        let fixture = try await HTTPFixture(email: Self.settings)
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            let created = try await client.call(.post, "/v2/email-templates", key: admin, json: Self.template)
            #expect(created.status == 200)
            let template = try #require(created.body["email_template"] as? [String: Any])
            let id = try #require(template["id"] as? String)
            #expect(template["subject"] as? String == "Willkommen, {{name}}!")
            #expect((try await client.call(.get, "/v2/email-templates/\(id)", key: admin)).status == 200)
            #expect(((try await client.call(.get, "/v2/email-templates", key: admin)).body["data"] as? [Any])?.count == 1)

            var broken = Self.template
            broken["text_body"] = "Hallo {{#name}} without its end"
            let refused = try await client.call(.post, "/v2/email-templates", key: admin, json: broken)
            #expect(refused.status == 422)
            #expect(refused.body["param"] as? String == "text_body")
            var twoLines = Self.template
            twoLines["subject"] = "one\nBcc: x@example.de"
            #expect((try await client.call(.post, "/v2/email-templates", key: admin, json: twoLines)).body["param"] as? String == "subject")
            var missing = Self.template
            missing["subject"] = nil
            #expect((try await client.call(.post, "/v2/email-templates", key: admin, json: missing)).body["param"] as? String == "subject")

            #expect((try await client.call(.delete, "/v2/email-templates/\(id)", key: admin)).status == 200)
            #expect((try await client.call(.get, "/v2/email-templates/\(id)", key: admin)).status == 404)
        }
    }

    @Test("send-email: scope customers.email, narrowed keys see 404, at most 50 in bulk, unknown ids reported per item")
    func sending() async throws {
        let fixture = try await HTTPFixture(email: Self.settings)
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            let templateID = try #require(((try await client.call(.post, "/v2/email-templates", key: admin, json: Self.template))
                .body["email_template"] as? [String: Any])?["id"] as? String)
            let anna = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody()).customerID
            let ben = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody("Ben", email: "ben@example.de")).customerID
            // Marketing reads no addresses (roles.yaml fields), so its template uses names only.
            let newsletter = try #require(((try await client.call(.post, "/v2/email-templates", key: admin, json: [
                "name": "newsletter", "subject": "Neu für Sie, {{name}}", "text_body": "Hallo {{name}} {{last_name}}",
            ])).body["email_template"] as? [String: Any])?["id"] as? String)
            let body = ["email_template_id": newsletter]

            let sent = try await client.call(.post, "/v2/customers/send-email/\(anna)", key: fixture.keys["marketing"]!, json: body)
            #expect(sent.status == 200)
            let email = try #require(sent.body["email"] as? [String: Any])
            #expect((email["id"] as? String ?? "").hasPrefix("em_"))
            #expect(email["status"] as? String == "queued")
            #expect((try await client.call(.post, "/v2/customers/send-email/\(anna)", key: fixture.keys["integration"]!, json: body)).status == 403)
            let narrowed = try await fixture.key(role: "marketing", reach: .customers([anna]))
            #expect((try await client.call(.post, "/v2/customers/send-email/\(ben)", key: narrowed, json: body)).status == 404)
            #expect((try await client.call(.post, "/v2/customers/send-email/\(anna)", key: admin,
                                           json: ["email_template_id": UUID().uuidString])).status == 404)
            #expect((try await client.call(.post, "/v2/customers/send-email/\(anna)", key: admin, json: [:])).body["param"] as? String == "email_template_id")

            let unknown = UUID().uuidString.lowercased()
            let bulk = try await client.call(.post, "/v2/customers/bulk/send-email", key: admin, json: ["customers": [anna, ben, unknown], "email_template_id": templateID])
            #expect(bulk.status == 200)
            #expect(Set(bulk.body["customers"] as? [String] ?? []) == [anna, ben])
            #expect((bulk.body["errors"] as? [[String: Any]])?.map { $0["id"] as? String } == [unknown])
            #expect((bulk.body["emails"] as? [[String: Any]])?.count == 2)
            let tooMany = (0..<51).map { _ in UUID().uuidString }
            let refused = try await client.call(.post, "/v2/customers/bulk/send-email", key: admin, json: ["customers": tooMany, "email_template_id": templateID])
            #expect(refused.status == 422)
            #expect(refused.body["param"] as? String == "customers")

            let listed = try await client.call(.get, "/v2/emails?customer_id=\(anna)", key: admin)
            let records = listed.body["data"] as? [[String: Any]] ?? []
            #expect(records.count == 2)
            #expect(records.allSatisfy { $0["status"] as? String == "queued" })
            #expect(Set(records.compactMap { $0["template_name"] as? String }) == ["welcome", "newsletter"])
            #expect((try await client.call(.get, "/v2/emails?status=nonsense", key: admin)).body["param"] as? String == "status")
        }
        // The access-log entry of a send names the fields the template used, not every field.
        var entries: [AccessLogEntry] = []
        try await fixture.store.forEachAccessLogEntry(AccessLogQuery()) { entries.append($0); return true }
        let queued = try #require(entries.first { $0.record.action == "customer.email" && $0.record.outcome == .ok })
        #expect(queued.record.fields == ["email", "last_name", "name"])
        let byAdmin = try #require(entries.last { $0.record.action == "customer.email" && $0.record.outcome == .ok })
        #expect(byAdmin.record.fields == ["billing_addresses", "email", "last_name", "name"])
    }

    @Test("no relay configured: send-email answers 503 and queues nothing")
    func notConfigured() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            let templateID = try #require(((try await client.call(.post, "/v2/email-templates", key: admin, json: Self.template))
                .body["email_template"] as? [String: Any])?["id"] as? String)
            let anna = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody()).customerID
            let refused = try await client.call(.post, "/v2/customers/send-email/\(anna)", key: admin, json: ["email_template_id": templateID])
            #expect(refused.status == 503)
            #expect(((try await client.call(.get, "/v2/emails", key: admin)).body["data"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("queued emails are sealed at rest, cancelled when their customer is deleted, and the rest reach aiosmtpd rendered")
    func deliveryAndCancellation() async throws {
        let fixture = try await HTTPFixture(email: Self.settings)
        let admin = fixture.keys["admin"]!
        let (anna, ben) = try await fixture.test { client in
            let templateID = try #require(((try await client.call(.post, "/v2/email-templates", key: admin, json: Self.template))
                .body["email_template"] as? [String: Any])?["id"] as? String)
            let anna = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody("Änne", email: "aenne@example.de")).customerID
            let ben = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody("Ben", email: "ben@example.de")).customerID
            _ = try await client.call(.post, "/v2/customers/bulk/send-email", key: admin, json: ["customers": [anna, ben], "email_template_id": templateID])
            #expect((try await client.call(.delete, "/v2/customers/\(ben)", key: admin)).status == 200)
            return (anna, ben)
        }
        // Neither recipient nor rendered message is readable in the data files (database, WAL) while the emails wait.
        for file in try FileManager.default.contentsOfDirectory(atPath: fixture.directory.path) {
            let bytes = try Data(contentsOf: fixture.directory.appendingPathComponent(file))
            #expect(bytes.range(of: Data("aenne@example.de".utf8)) == nil, "recipient in clear in \(file)")
            #expect(bytes.range(of: Data("Änne".utf8)) == nil, "rendered message in clear in \(file)")
        }

        let directory = fixture.directory.appendingPathComponent("relay")
        let relay = try SMTPRelay(directory: directory)
        defer { relay.stop() }
        let client = try SMTPClient(configuration: SMTPConfiguration(host: "127.0.0.1", port: relay.port, security: .none))
        let delivery = EmailDeliveryService(outbox: fixture.store.emails, client: client, sender: Self.settings.sender, logger: Logger(label: "test"))
        #expect(try await delivery.deliverDue() == 1)
        #expect(try await delivery.deliverDue() == 0)

        let received = relay.messages()
        try #require(received.count == 1)
        #expect(received[0]["rcpt_tos"] as? [String] == ["aenne@example.de"])
        #expect(received[0]["subject"] as? String == "Willkommen, Änne!")
        #expect((received[0]["text"] as? String)?.replacingOccurrences(of: "\r\n", with: "\n") == "Hallo Änne Schmidt,\nRechnung an Berlin\n.\nGrüße")
        #expect((received[0]["html"] as? String)?.trimmingCharacters(in: .newlines) == "<p>Hallo Änne</p>")
        #expect((received[0]["message_id"] as? String ?? "").hasSuffix("@shop.example>"))

        let records = try await fixture.store.emails.emails(customerID: nil, status: nil, limit: 10, startingAfter: nil).emails
        #expect(records.first { $0.customerID.uuidString.lowercased() == anna }?.status == .sent)
        #expect(records.first { $0.customerID.uuidString.lowercased() == ben }?.status == .cancelled)
        var deliveries: [AccessLogEntry] = []
        try await fixture.store.forEachAccessLogEntry(AccessLogQuery()) {
            if $0.record.action == "email.deliver" { deliveries.append($0) }
            return true
        }
        #expect(deliveries.count == 1)
        #expect(deliveries.first?.record.recipient == Self.settings.relay)
        #expect(deliveries.first?.record.subjects.map { $0.uuidString.lowercased() } == [anna])
    }
}
