import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import TresorJobs
import TresorCompliance
import TresorHTTP
import TresorMail
import TresorModel
import TresorService
import TresorStore
import TresorTestSupport
import ZIPFoundation

/// A subject export through `POST /v2/compliance/exports`: a customer with addresses, lists, a
/// teammate, three emails (delivered to aiosmtpd), a webhook disclosure (delivered to a live
/// receiver) and 50 accesses; the package holds all of it and verifies, and any changed byte is found.
@Suite("subject export")
struct ExportEndpointTests {
    static let settings = EmailSettings(sender: MailAddress(name: "Shop", address: "noreply@shop.example"), relay: "mail relay 127.0.0.1 (DE)")

    static var creation: [String: Any] { [
        "name": "Änne", "last_name": "Kästner", "email": "aenne@example.de", "phone": "+49 30 5550100", "company": "Kästner Holz GmbH",
        "country": "de", "locale": "de", "timezone_offset": "+01:00", "metadata": ["shop_id": "S-77"],
        "billing_addresses": [
            ["name": "Änne", "last_name": "Kästner", "company": "Kästner Holz GmbH", "address": "Lindenweg 3", "city": "Köln", "postcode": "50667",
             "country": "de", "vat": "DE136695976", "is_company": true],
            ["name": "Ä. Kästner", "address": "Postfach 12", "city": "Bonn", "postcode": "53111", "country": "de", "phone": "+49 228 123"],
        ],
        "shipping_addresses": [["name": "Änne", "address": "Werkstraße 9", "city": "Wien", "postcode": "1010", "country": "at", "message": "Tor 2"]],
    ] }

    @Test("the package holds every value given, every access, what was sent, and a statement (a)–(h); any changed byte is named")
    func completePackage() async throws {
        let receiver = WebhookDeliveryTests.Receiver()
        try await receiver.listening { url in
            let fixture = try await HTTPFixture(email: Self.settings)
            let store = fixture.store
            let admin = fixture.keys["admin"]!
            for name in ["Lager-System", "Buchhaltung"] {
                _ = try await store.webhookEndpoints.create(name: name, url: url, events: [.customerCreated],
                                                            country: CountryCode("DE")!, transferBasis: nil, payload: .full, tamioSignatureHeader: nil, roleName: nil)
            }
            let relay = try SMTPRelay(directory: fixture.directory.appendingPathComponent("relay"))
            defer { relay.stop() }

            let customerID = try await fixture.test { client -> String in
                let teammate = try await client.call(.post, "/v2/teammates/create", key: admin, json: ["name": "Tom Teammate", "email": "tom@shop.example"])
                let teammateID = try #require((teammate.body["teammate"] as? [String: Any])?["id"] as? String)
                var body = Self.creation
                body["teammate_id"] = teammateID
                let created = try await client.call(.post, "/v2/customers/create", key: admin, json: body)
                #expect(created.status == 200)
                let id = created.customerID
                for name in ["Newsletter", "Holz-News"] {
                    let list = try await client.call(.post, "/v2/mailing-lists/create", key: admin, json: ["name": name])
                    let listID = try #require((list.body["mailing_list"] as? [String: Any])?["id"] as? String)
                    #expect((try await client.call(.post, "/v2/customers/add-to-list/\(id)", key: admin, json: ["mailing_list": listID])).status == 200)
                }
                for name in ["welcome", "invoice", "reminder"] {
                    let template = try await client.call(.post, "/v2/email-templates", key: admin,
                                                         json: ["name": name, "subject": "\(name) {{name}}", "text_body": "Hallo {{name}}"])
                    let templateID = try #require((template.body["email_template"] as? [String: Any])?["id"] as? String)
                    #expect((try await client.call(.post, "/v2/customers/send-email/\(id)", key: admin, json: ["email_template_id": templateID])).status == 200)
                }
                for _ in 0..<50 { #expect((try await client.call(.get, "/v2/customers/retrieve/\(id)", key: admin)).status == 200) }
                return id
            }
            let mail = EmailDeliveryService(outbox: store.emails, client: try SMTPClient(configuration: .init(host: "127.0.0.1", port: relay.port, security: .none)),
                                            sender: Self.settings.sender, logger: Logger(label: "test"))
            #expect(try await mail.deliverDue() == 3)
            let webhooks = WebhookDeliveryService(outbox: store.outbox, endpoints: store.webhookEndpoints, residency: .builtIn, destinations: .development, logger: Logger(label: "test"))
            #expect(try await webhooks.deliverDue() == 2)
            try await webhooks.shutdown()

            _ = try await store.legalHolds.create(LegalHold(customerID: UUID(uuidString: customerID)!, category: .billingAddresses,
                                                            legalBasis: "HGB § 257", purpose: "invoicing", until: CalendarDay(year: 2034, month: 12, day: 31)!, createdAt: 1_780_000_000))
            var subjectEntries = 0
            try await store.forEachAccessLogEntry(AccessLogQuery(subject: UUID(uuidString: customerID))) { _ in subjectEntries += 1; return true }
            #expect(subjectEntries >= 50)

            let package = try await fixture.test { client in
                try await client.execute(uri: "/v2/compliance/exports", method: .post,
                                         headers: [.authorization: "Bearer \(fixture.keys["compliance-officer"]!)", .contentType: "application/json"],
                                         body: ByteBuffer(data: try JSONSerialization.data(withJSONObject: ["customer_id": customerID]))) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "application/zip")
                    return Data(buffer: response.body)
                }
            }
            let file = fixture.directory.appendingPathComponent("export.zip")
            try package.write(to: file)
            let keys = try await store.accessLogReader.storedPublicKeys()
            let manifest = try ExportVerification.verify(file, trustedKeys: keys)
            #expect(manifest.subjectID == customerID)
            #expect(manifest.purpose == "art15")

            let archive = try Archive(url: file, accessMode: .read)
            func read(_ name: String) throws -> Data {
                var data = Data()
                _ = try archive.extract(try #require(archive[name]), consumer: { data.append($0) })
                return data
            }
            #expect(Set(archive.map(\.path)) == ["subject.json", "portable.json", "portable.schema.json", "access-log.csv", "access-log.json",
                                                 "statement.html", "statement.txt", "signing-key.pem", "VERIFY.txt", "manifest.json"])

            // Every value given at creation, field by field.
            let subject = try #require(try JSONSerialization.jsonObject(with: try read("subject.json")) as? [String: Any])
            let customer = try #require(subject["customer"] as? [String: Any])
            for field in ["name", "last_name", "email", "phone", "company", "country", "locale", "timezone_offset"] {
                #expect(customer[field] as? String == Self.creation[field] as? String, "\(field)")
            }
            #expect(customer["metadata"] as? [String: String] == ["shop_id": "S-77"])
            for kind in ["billing_addresses", "shipping_addresses"] {
                let given = try #require(Self.creation[kind] as? [[String: Any]])
                let held = try #require(customer[kind] as? [[String: Any]])
                #expect(held.count == given.count, "\(kind)")
                for (givenAddress, heldAddress) in zip(given, held) {
                    for (field, value) in givenAddress {
                        #expect((heldAddress[field] as? NSObject)?.isEqual(value) == true, "\(kind).\(field)")
                    }
                }
            }
            #expect(Set((customer["mailing_lists"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }) == ["Newsletter", "Holz-News"])
            #expect((customer["teammate"] as? [String: Any])?["name"] as? String == "Tom Teammate")
            let disclosures = try #require(subject["disclosures"] as? [String: Any])
            let emails = disclosures["emails"] as? [[String: Any]] ?? []
            #expect(Set(emails.compactMap { $0["template"] as? String }) == ["welcome", "invoice", "reminder"])
            #expect(emails.allSatisfy { $0["recipient"] as? String == "aenne@example.de" && $0["status"] as? String == "sent" })
            let hooks = disclosures["webhooks"] as? [[String: Any]] ?? []
            #expect(hooks.count == 2)
            #expect(Set(hooks.compactMap { $0["recipient"] as? String }) == ["Lager-System (webhook endpoint at 127.0.0.1, DE)", "Buchhaltung (webhook endpoint at 127.0.0.1, DE)"])
            #expect(hooks.first?["event"] as? String == "customer-created")
            #expect(hooks.first?["status"] as? String == "delivered")

            // The portable subset: what the subject gave, in the published schema's shape.
            let portable = try #require(try JSONSerialization.jsonObject(with: try read("portable.json")) as? [String: Any])
            #expect(portable["email"] as? String == "aenne@example.de")
            #expect((portable["billing_addresses"] as? [Any])?.count == 2)
            #expect(portable["metadata"] == nil && portable["priority"] == nil, "data the business recorded is not the subject's to port")

            // Every access-log entry about the subject, in both formats.
            let csvLines = String(decoding: try read("access-log.csv"), as: UTF8.self).split(separator: "\r\n")
            #expect(csvLines.count == subjectEntries + 1)
            #expect(csvLines.first == Substring(AccessLogCSV.header))
            let logJSON = try #require(try JSONSerialization.jsonObject(with: try read("access-log.json")) as? [[String: Any]])
            #expect(logJSON.count == subjectEntries)
            #expect(logJSON.filter { $0["action"] as? String == "customer.view" }.count >= 50)
            #expect(logJSON.allSatisfy { (($0["actor"] as? [String: Any])?["name"] as? String)?.isEmpty == false })

            // The statement: (a)–(h) and 15(2), in the customer's language (German), as readable HTML.
            let statement = String(decoding: try read("statement.txt"), as: UTF8.self)
            for heading in ["(a) Zwecke", "(b) Kategorien", "(c) Empfänger", "(d) Wie lange", "(e) Ihre Rechte", "(f) Beschwerderecht",
                            "(g) Herkunft", "(h) Automatisierte", "Art. 15 Abs. 2"] {
                #expect(statement.contains(heading), "statement lacks \(heading)")
            }
            #expect(statement.contains("mail relay 127.0.0.1 (DE): 3"))
            let html = String(decoding: try read("statement.html"), as: UTF8.self)
            #expect(html.contains("<h2>(a) Zwecke und Rechtsgrundlagen</h2>"))
            #expect(html.components(separatedBy: "<table>").count > 6)
            #expect(!html.contains("{\""), "no raw JSON in the statement")
            try Self.checkReadable(statement, html: html)
            #expect((customer["created_at"] as? String)?.hasSuffix("Z") == true, "subject.json carries RFC 3339 times")
            #expect((subject["legal_holds"] as? [[String: Any]])?.first?["until"] as? String == "2034-12-31")

            // The export itself is logged with its purpose.
            var exports: [AccessLogEntry] = []
            try await store.forEachAccessLogEntry(AccessLogQuery(action: "customer.export")) { exports.append($0); return true }
            #expect(exports.map(\.record.purpose) == ["art15"])
            #expect(exports.first?.record.subjects.map { $0.uuidString.lowercased() } == [customerID])

            // One changed byte in any file is found, and the file named.
            for entry in archive {
                let tampered = fixture.directory.appendingPathComponent("tampered-\(entry.path).zip")
                try Self.copy(archive, to: tampered, changingOneByteOf: entry.path)
                do {
                    try ExportVerification.verify(tampered, trustedKeys: keys)
                    Issue.record("a changed byte in \(entry.path) went unnoticed")
                } catch let failure as ExportVerification.Failure {
                    #expect(failure.description.contains(entry.path), "\(failure) should name \(entry.path)")
                }
            }
        }
    }

    @Test("the package shows only the subject's own id, and staff by role: no other customer, key name or login (issue 21)")
    func onlyTheSubject() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        let staffKey = try await fixture.store.apiKeys.create(name: "Laptop of Stefanie Staffmember", roleName: "admin", reach: .all).secret
        let (mine, other) = try await fixture.test { client -> (String, String) in
            let mine = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody("Mine", email: "mine@example.de")).customerID
            let other = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody("Other", email: "other@example.de")).customerID
            let list = try #require((try await client.call(.post, "/v2/mailing-lists/create", key: admin, json: ["name": "News"])
                .body["mailing_list"] as? [String: Any])?["id"] as? String)
            #expect(try await client.call(.post, "/v2/customers/bulk/add-to-list", key: staffKey, json: ["customers": [mine, other], "mailing_list": list]).status == 200)
            return (mine, other)
        }
        _ = try await fixture.service.retrieveCustomer(id: UUID(uuidString: mine)!, request: .operator(command: "customers show",
                                                                                                        environment: ["USER": "stefanie.login"]))
        let package = try await fixture.service.exportSubject(.customer(UUID(uuidString: mine)!), purpose: .art15, request: .operator(command: "export")) {
            exporter, id in try await exporter.exportData(customerID: id, purpose: .art15, language: "en").data
        }
        let file = fixture.directory.appendingPathComponent("only.zip")
        try package.write(to: file)
        let archive = try Archive(url: file, accessMode: .read)
        for name in ["access-log.csv", "access-log.json"] {
            var data = Data()
            _ = try archive.extract(try #require(archive[name]), consumer: { data.append($0) })
            let text = String(decoding: data, as: UTF8.self)
            #expect(text.contains(mine) && text.contains("list.add"), "\(name)")
            for hidden in [other, "Stefanie", "stefanie.login"] { #expect(!text.contains(hidden), "\(name) shows \(hidden)") }
            #expect(text.contains("API key with the role admin") && text.contains("operator at the command line"), "\(name)")
        }
    }

    @Test("by email: found through the blind index; an unknown address is 'no subject found'; the scope is compliance.export")
    func byEmail() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            _ = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody())
            let unknown = try await client.call(.post, "/v2/compliance/exports", key: admin, json: ["email": "nobody@example.de"])
            #expect(unknown.status == 404)
            #expect((unknown.body["detail"] as? String)?.contains("no subject found") == true)
            #expect((unknown.body["detail"] as? String)?.contains("nobody@") == false, "the address is not echoed")
            #expect((try await client.call(.post, "/v2/compliance/exports", key: fixture.keys["marketing"]!, json: ["email": "anna@example.de"])).status == 403)
            #expect((try await client.call(.post, "/v2/compliance/exports", key: admin, json: ["email": "anna@example.de", "purpose": "art99"])).body["param"] as? String == "purpose")
            let found = try await client.execute(uri: "/v2/compliance/exports", method: .post,
                                                 headers: [.authorization: "Bearer \(admin)", .contentType: "application/json"],
                                                 body: ByteBuffer(data: try JSONSerialization.data(withJSONObject: ["email": " Anna@Example.de ", "purpose": "art20"]))) {
                $0.status
            }
            #expect(found == .ok)
        }
        var exports: [AccessLogEntry] = []
        try await fixture.store.forEachAccessLogEntry(AccessLogQuery(action: "customer.export")) { exports.append($0); return true }
        #expect(exports.map(\.record.outcome) == [.notFound, .denied, .ok])
        #expect(exports.last?.record.purpose == "art20")
    }

    /// A copy of the archive in which one byte of `name`'s content differs.
    /// The statement shows every value given (in words a person reads), the hold, the lists, the
    /// teammate and the emails, and no field identifier or machine timestamp.
    static func checkReadable(_ statement: String, html: String) throws {
        var values: [String] = ["Änne", "Kästner", "aenne@example.de", "+49 30 5550100", "Kästner Holz GmbH", "Deutschland", "UTC+01:00", "S-77",
                                "Tom Teammate", "Newsletter", "Holz-News", "welcome", "invoice", "reminder", "Österreich", "Weitere Angaben: shop id"]
        for kind in ["billing_addresses", "shipping_addresses"] {
            for address in creation[kind] as? [[String: Any]] ?? [] {
                values += address.filter { !["country", "is_company"].contains($0.key) }.compactMap { $0.value as? String }
            }
        }
        for value in values {
            #expect(statement.contains(value), "the statement does not show \(value)")
        }
        #expect(statement.contains("Rechnungsadressen: Rechnungsstellung und steuerliche Aufbewahrung (HGB § 257), Bis 31. Dezember 2034"), "the legal hold")
        #expect(statement.contains("welcome, ") && statement.contains(": versendet"), "the emails, by message and outcome")
        #expect(statement.contains("Benachrichtigungen unserer eigenen Systeme über Sie"), "notifications to systems apart from messages")
        #expect(statement.contains("- Lager-System (webhook endpoint at 127.0.0.1, DE): 1") && statement.contains("- Buchhaltung (webhook endpoint at 127.0.0.1, DE): 1"),
                "the two recipients by the names the operator gave them")
        for identifier in ["last_name", "timezone_offset", "lead_status", "teammate_id", "billing_addresses", "shipping_addresses",
                           "mailing_lists", "is_company", "metadata", "shop_id", "created_at", "updated_at"] {
            #expect(!statement.contains(identifier) && !html.contains(">\(identifier)"), "the statement shows the identifier \(identifier)")
        }
        let machineTime = try Regex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:")
        #expect(statement.firstMatch(of: machineTime) == nil && html.firstMatch(of: machineTime) == nil, "a machine timestamp in the statement")
    }

    static func copy(_ archive: Archive, to url: URL, changingOneByteOf name: String) throws {
        let copy = try Archive(url: url, accessMode: .create)
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry, consumer: { data.append($0) })
            if entry.path == name { data[data.count / 2] ^= 0x01 }
            try copy.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }
}
