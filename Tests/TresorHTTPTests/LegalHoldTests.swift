import Foundation
import HTTPTypes
import Testing
import TresorCompliance
import TresorModel
import TresorService
import TresorStore
import TresorTestSupport

/// Legal holds through the API: a customer with a hold on billing data is erased; profile,
/// shipping addresses and lists go, billing addresses stay restricted under the hold's own key,
/// the certificate lists both, and the retention job erases the rest once the hold has expired.
@Suite("legal holds")
struct LegalHoldTests {
    @Test("erasure with a billing hold: retained restricted, certified, erased by the retention job after the hold (simulated clock)")
    func holdLifecycle() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        let officer = fixture.keys["compliance-officer"]!
        let marker = "QZHOLD7"
        let until = TresorService.today().adding(months: 12)
        let (customerID, holdID) = try await fixture.test { client -> (String, String) in
            var body = customerBody("Anna\(marker)", email: "anna.\(marker.lowercased())@example.de")
            body["billing_addresses"] = [["name": "Bill\(marker)", "country": "de", "address": "Billstr \(marker)", "city": "Berlin"],
                                         ["name": "Bill2\(marker)", "country": "de", "address": "Zweite \(marker)", "city": "Bonn"]]
            body["billing_information"] = nil
            body["shipping_information"] = ["name": "Ship\(marker)", "country": "at", "address": "Ring \(marker)", "city": "Wien"]
            let customerID = try await client.call(.post, "/v2/customers/create", key: admin, json: body).customerID
            let list = try await client.call(.post, "/v2/mailing-lists/create", key: admin, json: ["name": "News"])
            let listID = try #require((list.body["mailing_list"] as? [String: Any])?["id"] as? String)
            #expect((try await client.call(.post, "/v2/customers/add-to-list/\(customerID)", key: admin, json: ["mailing_list": listID])).status == 200)

            // Refusals name the field; the marketing role may not declare holds.
            var refused = try await client.call(.post, "/v2/customers/\(customerID)/holds", key: admin, json: ["rule": "receipts"])
            #expect(refused.status == 422 && refused.body["param"] as? String == "rule")
            // An API key declares holds from the rules only (issue 21); free-form holds are the operator's.
            refused = try await client.call(.post, "/v2/customers/\(customerID)/holds", key: admin,
                                            json: ["category": "contact", "legal_basis": "because I say so", "purpose": "invoicing", "until": "9999-12-31"])
            #expect(refused.status == 422 && refused.body["param"] as? String == "rule")
            let operatorRequest = RequestInfo.operator(command: "retention hold")
            await #expect(throws: FieldError.self) {
                try await fixture.service.createLegalHold(customerID: UUID(uuidString: customerID)!, draft: LegalHoldDraft(
                    category: "billing_addresses", legalBasis: "AO §147", purpose: "invoicing", until: CalendarDay("2001-01-01")), request: operatorRequest)
            }
            refused = try await client.call(.post, "/v2/customers/\(customerID)/holds", key: admin, json: ["rule": "invoices", "until": "2040-01-01"])
            #expect(refused.body["param"] as? String == "until")
            #expect((try await client.call(.post, "/v2/customers/\(customerID)/holds", key: fixture.keys["marketing"]!, json: ["rule": "invoices"])).status == 403)

            // A rule: 8 years from the end of the document's calendar year.
            let ruled = try await client.call(.post, "/v2/customers/\(customerID)/holds", key: fixture.keys["integration"]!,
                                              json: ["rule": "invoices", "document_date": "2026-03-15"])
            #expect((ruled.body["legal_hold"] as? [String: Any])?["until"] as? String == "2034-12-31", "\(ruled.body)")
            let ruledID = try #require((ruled.body["legal_hold"] as? [String: Any])?["id"] as? String)
            #expect((try await client.call(.delete, "/v2/customers/\(customerID)/holds/\(ruledID)", key: admin)).status == 200)

            let created = try await fixture.service.createLegalHold(
                customerID: UUID(uuidString: customerID)!,
                draft: LegalHoldDraft(category: "billing_addresses", legalBasis: "AO §147(1) Nr. 4: invoices", purpose: "invoicing", until: until),
                request: operatorRequest)
            let holdID = created.id.lowercaseText

            let byEmail = "/v2/customers/list?email=anna.\(marker.lowercased())@example.de"
            #expect((try await client.call(.get, byEmail, key: admin).body["customers"] as? [Any])?.count == 1)
            #expect((try await client.call(.delete, "/v2/customers/\(customerID)", key: admin)).status == 200)

            // Gone from the customer API: retrieve, list, search by email.
            #expect((try await client.call(.get, "/v2/customers/retrieve/\(customerID)", key: admin)).status == 404)
            #expect((try await client.call(.get, byEmail, key: admin).body["customers"] as? [Any])?.isEmpty == true)

            // Retained, restricted: compliance scope and the hold's purpose only.
            #expect((try await client.call(.get, "/v2/compliance/holds/\(holdID)/retained-data", key: fixture.keys["integration"]!)).status == 403)
            let wrongPurpose = try await client.call(.get, "/v2/compliance/holds/\(holdID)/retained-data", key: officer)
            #expect(wrongPurpose.status == 403 && wrongPurpose.body["param"] as? String == "tresor-purpose")
            let retained = try await client.execute(uri: "/v2/compliance/holds/\(holdID)/retained-data", method: .get,
                                                    headers: [.authorization: "Bearer \(officer)", .init("tresor-purpose")!: "invoicing"]) {
                (try? JSONSerialization.jsonObject(with: Data(buffer: $0.body))) as? [String: Any] ?? [:]
            }
            let data = try #require(retained["retained_data"] as? [String: Any], "\(retained)")
            let billing = try #require(data["billing_addresses"] as? [[String: Any]])
            #expect(billing.compactMap { $0["name"] as? String }.sorted() == ["Bill2\(marker)", "Bill\(marker)"])
            #expect(data["shipping_addresses"] == nil && data["name"] == nil && data["email"] == nil, "only the held category is kept")

            // The certificate: what was erased, what is retained under which hold until when; signed.
            let certificate = try await client.execute(uri: "/v2/compliance/erasure-certificates/\(customerID)", method: .get,
                                                       headers: [.authorization: "Bearer \(admin)"]) { Data(buffer: $0.body) }
            let parsed = try #require(ErasureCertificate(json: certificate))
            #expect(Set(parsed.erased.map(\.part)).isSuperset(of: ["identity", "contact", "shipping_addresses", "mailing_lists", "data_key"]))
            #expect(!parsed.erased.map(\.part).contains("billing_addresses"))
            #expect(parsed.erased.first { $0.part == "mailing_lists" }?.detail == "1 membership")
            #expect(parsed.retained.map(\.holdID) == [holdID] && parsed.retained.first?.until == until.description)
            #expect(parsed.isSignatureValid(publicKeys: try await fixture.store.erasureCertificates.publicKeys()))
            #expect(try await fixture.store.erasureCertificates.check(parsed).isEmpty)
            var forged = parsed
            forged.retained[0].until = "2099-12-31"
            #expect(!forged.isSignatureValid(publicKeys: try await fixture.store.erasureCertificates.publicKeys()))
            let html = try await client.execute(uri: "/v2/compliance/erasure-certificates/\(customerID)?format=html", method: .get,
                                                headers: [.authorization: "Bearer \(admin)"]) { String(buffer: $0.body) }
            #expect(html.contains("<h1>Erasure certificate</h1>") && !html.contains(marker))
            // In German when asked (or when the browser prefers it), in words: no identifiers, dates for people.
            let asked: HTTPFields = [.authorization: "Bearer \(admin)"]
            let preferred: HTTPFields = [.authorization: "Bearer \(admin)", .acceptLanguage: "de-DE,de;q=0.9,en;q=0.8"]
            for (uri, headers) in [("?format=html&language=de", asked), ("?format=html", preferred)] {
                let german = try await client.execute(uri: "/v2/compliance/erasure-certificates/\(customerID)\(uri)", method: .get,
                                                      headers: headers) { String(buffer: $0.body) }
                #expect(german.contains("<h1>Löschbescheinigung</h1>") && german.contains("<html lang=\"de\">"), "\(uri)")
                #expect(german.contains("1 Newsletter-Abonnement beendet") && german.contains("Lieferadressen") && german.contains("Datenschlüssel"))
                for identifier in ["shipping_addresses", "billing_addresses", "mailing_lists", "data_key", "last_name", "email_index"] {
                    #expect(!german.contains(identifier), "\(identifier) in the German certificate")
                }
                #expect(german.firstMatch(of: try Regex("[0-9]{4}-[0-9]{2}-[0-9]{2}T")) == nil, "a machine timestamp in the German certificate")
            }
            #expect(try await client.execute(uri: "/v2/compliance/erasure-certificates/\(customerID)?format=html&language=fr", method: .get,
                                             headers: [.authorization: "Bearer \(admin)"]) { $0.status } == .unprocessableContent)
            return (customerID, holdID)
        }

        // Only ciphertext on disk: no marker of the billing, shipping or profile data in any file.
        for file in try FileManager.default.contentsOfDirectory(atPath: fixture.directory.path) {
            let bytes = try Data(contentsOf: fixture.directory.appendingPathComponent(file))
            #expect(bytes.range(of: Data(marker.utf8)) == nil, "\(file) holds a marker in clear")
        }

        // The retention job before the hold's last day keeps it; the day after erases it.
        #expect(try Self.keyCount("hold:\(holdID)", in: fixture.directory) == 1)
        let job = RequestInfo.system(job: "retention-job", purpose: "legal-obligation")
        #expect(try await fixture.service.runRetention(today: until, request: job).isEmpty)
        let ended = try await fixture.service.runRetention(today: until.adding(months: 1), request: job)
        #expect(ended.map(\.id.lowercaseText) == [holdID])
        let hold = try await fixture.store.legalHolds.hold(id: UUID(uuidString: holdID)!)
        #expect(hold.status == .ended)
        await #expect(throws: StoreError.self) { try await fixture.store.legalHolds.retainedData(holdID: hold.id) }
        #expect(try Self.keyCount(LegalHold.keyID(of: hold.id), in: fixture.directory) == 0, "the hold's key is destroyed")

        // Every step is in the access log, which verifies; the ledger holds both erasures.
        let entries = try await fixture.entries(after: 0)
        for action in ["hold.create", "hold.release", "customer.delete", "retention.read", "erasure.certificate", "retention.run"] {
            #expect(entries.contains { $0.record.action == action }, "\(action) not logged")
        }
        let run = try #require(entries.last { $0.record.action == "retention.run" && !$0.record.subjects.isEmpty })
        #expect(run.record.subjects.map(\.lowercaseText) == [customerID] && run.record.fields == ["billing_addresses"])
        #expect(run.record.actor.kind == .system)
        let verification = try AccessLogVerifier(trustedKeys: [fixture.store.accessLog.signingKey!.publicKey])
            .verify(fixture.store.accessLogReader)
        #expect(verification.isValid, "\(String(describing: verification.failure))")
        let ledger = try String(contentsOf: fixture.directory.appendingPathComponent("erasure-ledger.jsonl"), encoding: .utf8)
        let lines = ledger.split(separator: "\n")
        #expect(lines.count == 2 && lines[0].contains("\"kind\":\"customer\"") && lines[1].contains("\"hold_id\":\"\(holdID)\""))
        #expect(!ledger.contains(marker))
    }

    static func keyCount(_ keyID: String, in directory: URL) throws -> Int {
        let keysFile = directory.appendingPathComponent("keys.sqlite").path
        return Int(try SQLiteFile.scalar(keysFile, "SELECT count(*) FROM subject_keys WHERE subject_id = ?", [.text(keyID)]) ?? "") ?? -1
    }
}
