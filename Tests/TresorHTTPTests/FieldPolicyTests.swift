import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import TresorModel
import TresorStore
import ZIPFoundation

/// Field policies (roles.yaml `fields:`): every shipped role that may read customers sees each
/// field of one fully filled customer as its policy says, in every answer that carries a
/// customer, and the access log records what was disclosed.
@Suite("field policies")
struct FieldPolicyTests {
    /// A customer with every field filled in.
    static func fullCustomer(teammate: String) -> [String: Any] {
        var body = customerBody("Anna-Lena", email: "anna.schmidt@example.de", teammate: teammate)
        body["company"] = "Schmidt Werkzeuge GmbH"
        body["metadata"] = ["crm": "A-17"]
        body["stripe_customer_id"] = "cus_NffrFeUfNV2Hib"
        body["affiliate_partner_id"] = "partner-0042"
        return body
    }

    @Test("every role × every field × retrieve, list, lead and address answers shows the field as the role's policy says; the log records it")
    func matrix() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            let teammate = try await client.call(.post, "/v2/teammates/create", key: admin,
                                                 json: ["name": "Theo", "email": "theo@example.de", "role": "support-agent"])
            let teammateID = try #require((teammate.body["teammate"] as? [String: Any])?["id"] as? String)
            let created = try await client.call(.post, "/v2/customers/create", key: admin, json: Self.fullCustomer(teammate: teammateID))
            let id = created.customerID
            var leadBody = Self.fullCustomer(teammate: teammateID)
            leadBody["email"] = "lead@example.de"
            let lead = try await client.call(.post, "/v2/leads/create", key: admin, json: leadBody)
            let full = try await client.call(.get, "/v2/customers/retrieve/\(id)", key: admin).customer
            let fullLead = try await client.call(.get, "/v2/leads/retrieve/\(lead.customerID)", key: admin).customer
            let readers = fixture.policies.roles.roles.values.filter { $0.scopes.contains(.customersView) }
            #expect(readers.contains { !$0.fields.isPlain }, "the shipped roles include least-privilege ones")

            for role in readers.sorted(by: { $0.name < $1.name }) {
                let reach: CustomerReach = role.assignedCustomersOnly ? .assignedTo(teammateID: teammateID) : .all
                let key = try await fixture.key(role: role.name, reach: reach)
                var answers: [(String, [String: Any], [String: Any])] = []
                answers.append(("retrieve", try await client.call(.get, "/v2/customers/retrieve/\(id)", key: key).customer, full))
                let list = try await client.call(.get, "/v2/customers/list?per_page=100&include_leads=true", key: key)
                let listed = (list.body["customers"] as? [[String: Any]] ?? []).first { $0["id"] as? String == id }
                answers.append(("list", try #require(listed, "\(role.name) lists the customer: \(list.body)"), full))
                answers.append(("lead retrieve", try await client.call(.get, "/v2/leads/retrieve/\(lead.customerID)", key: key).customer, fullLead))
                let leads = try await client.call(.get, "/v2/leads/list?per_page=100", key: key)
                answers.append(("lead list", (leads.body["customers"] as? [[String: Any]])?.first ?? [:], fullLead))
                if role.scopes.contains(.customersEdit) {
                    let updated = try await client.call(.post, "/v2/customers/update/\(id)", key: key, json: ["name": "Anna-Lena"])
                    answers.append(("update", updated.customer, full))
                    let address = try await client.call(.post, "/v2/customers/address/create/\(id)", key: key,
                                                        json: ["name": "Anna", "country": "de", "address": "Lager 4", "city": "Hamburg"])
                    var withAddress = try await client.call(.get, "/v2/customers/retrieve/\(id)", key: admin).customer
                    answers.append(("address create", address.customer, withAddress))
                    let newest = try #require((withAddress["billing_addresses"] as? [[String: Any]])?.last?["id"] as? String)
                    let deleted = try await client.call(.delete, "/v2/customers/address/\(newest)", key: key)
                    withAddress = try await client.call(.get, "/v2/customers/retrieve/\(id)", key: admin).customer
                    answers.append(("address delete", deleted.customer, withAddress))
                }
                if role.scopes.contains(.customersEdit) {
                    // A bulk answer names ids and outcomes, never a field's value.
                    let bulk = try await client.call(.post, "/v2/customers/bulk/assign-to-teammate", key: key,
                                                     json: ["customers": [id, UUID().uuidString.lowercased()], "teammate_id": teammateID])
                    let text = String(decoding: try JSONSerialization.data(withJSONObject: bulk.body), as: UTF8.self)
                    #expect(bulk.status == 200 && !text.contains("anna.schmidt") && !text.contains("1234567") && !text.contains("Schmidt"),
                            "\(role.name) bulk answer: \(text)")
                }
                for (way, shown, plain) in answers {
                    for field in CustomerField.allCases {
                        Self.check(field, role.fields.disclosure(of: field), shown: shown, plain: plain, context: "\(role.name) \(way)")
                    }
                }

                var entries: [AccessLogEntry] = []
                try await fixture.store.forEachAccessLogEntry(AccessLogQuery(subject: UUID(uuidString: id), action: "customer.view")) {
                    entries.append($0)
                    return true
                }
                let fields = try #require(entries.last { $0.record.actor.role == role.name }?.record.fields, "\(role.name) read is logged")
                for field in ["email", "phone", "billing_addresses", "metadata"] {
                    let expected = role.fields.disclosedName(field)
                    #expect(fields.contains(expected), "\(role.name): the log records \(expected): \(fields)")
                }
            }
        }
    }

    /// One field of one answer, against the admin's plain answer.
    static func check(_ field: CustomerField, _ disclosure: Disclosure, shown: [String: Any], plain: [String: Any], context: String) {
        let keys = field == .addresses ? ["billing_addresses", "shipping_addresses"] : field == .vat ? [] : [field.rawValue]
        let withheld = shown["withheld_fields"] as? [String] ?? []
        let masked = shown["masked_fields"] as? [String] ?? []
        if field == .vat {
            // With the addresses withheld there is no vat to show (the addresses' own check covers that).
            guard shown["billing_addresses"] is [[String: Any]] else { return }
            let vats = (shown["billing_addresses"] as? [[String: Any]] ?? []).map { $0["vat"] }
            let plainVAT = (plain["billing_addresses"] as? [[String: Any]])?.first?["vat"] as? String
            switch disclosure {
            case .plain: #expect(vats.first as? String == plainVAT, "\(context): vat plain")
            case .masked: #expect(vats.first as? String == plainVAT.map(FieldMask.vatCountryAndLastThree.apply), "\(context): vat masked: \(vats)")
            case .redacted: #expect(vats.allSatisfy { $0 is NSNull } && withheld.contains("vat"), "\(context): vat redacted")
            case .hidden: #expect(vats.allSatisfy { $0 == nil }, "\(context): vat hidden")
            }
            return
        }
        for key in keys {
            let value = shown[key]
            let original = plain[key]
            switch disclosure {
            case .plain:
                #expect((value as? NSObject)?.isEqual(original) == true, "\(context): \(key) plain: \(String(describing: value)) vs \(String(describing: original))")
            case .masked:
                #expect(masked.contains(key), "\(context): \(key) named masked")
                if field == .addresses {
                    let addresses = value as? [[String: Any]] ?? []
                    let originals = original as? [[String: Any]] ?? []
                    #expect(addresses.count == originals.count, "\(context): every \(key) entry, masked")
                    for (address, plainAddress) in zip(addresses, originals) {
                        #expect(address["city"] as? String == plainAddress["city"] as? String && address["country"] as? String == plainAddress["country"] as? String)
                        for hiddenKey in ["name", "address", "postcode", "email", "phone", "company", "message", "representative"] {
                            #expect(address[hiddenKey] is NSNull, "\(context): \(key).\(hiddenKey) is not shown when masked")
                        }
                    }
                } else {
                    let mask = field.mask!
                    #expect(value as? String == (original as? String).map(mask.apply), "\(context): \(key) masked: \(String(describing: value))")
                    #expect(value as? String != original as? String, "\(context): the mask changes \(key)")
                }
            case .redacted:
                #expect(value is NSNull && withheld.contains(key), "\(context): \(key) redacted: \(String(describing: value))")
            case .hidden:
                #expect(value == nil && !withheld.contains(key), "\(context): \(key) hidden")
            }
        }
    }

    @Test("every role that may send email × every field: a template using the field is sent only when the role reads it plain")
    func emailTemplates() async throws {
        let fixture = try await HTTPFixture(email: EmailEndpointTests.settings)
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            let teammate = try await client.call(.post, "/v2/teammates/create", key: admin, json: ["name": "Theo", "email": "theo@example.de"])
            let teammateID = try #require((teammate.body["teammate"] as? [String: Any])?["id"] as? String)
            let id = try await client.call(.post, "/v2/customers/create", key: admin, json: Self.fullCustomer(teammate: teammateID)).customerID
            var templates: [CustomerField: String] = [:]
            for field in CustomerField.allCases {
                let body: String
                switch field {
                case .addresses: body = "{{#billing_addresses}}{{city}}{{/billing_addresses}}"
                case .vat: body = "{{#billing_addresses}}{{vat}}{{/billing_addresses}}"
                case .metadata: body = "{{#metadata}}{{crm}}{{/metadata}}"
                default: body = "Wert: {{\(field.rawValue)}}"
                }
                let created = try await client.call(.post, "/v2/email-templates", key: admin,
                                                    json: ["name": "uses-\(field.rawValue)", "subject": "Hallo", "text_body": body])
                templates[field] = try #require((created.body["email_template"] as? [String: Any])?["id"] as? String)
            }
            let senders = fixture.policies.roles.roles.values.filter { $0.scopes.contains(.customersEmail) }
            #expect(senders.contains { !$0.fields.isPlain })
            for role in senders.sorted(by: { $0.name < $1.name }) {
                let key = try await fixture.key(role: role.name, reach: .all)
                for field in CustomerField.allCases {
                    // An address's vat is read through billing_addresses; its own policy masks it inside.
                    let governing = field == .vat ? CustomerField.addresses : field
                    let allowed = role.fields.disclosure(of: governing) == .plain && role.fields.disclosure(of: .email) == .plain
                    let sent = try await client.call(.post, "/v2/customers/send-email/\(id)", key: key, json: ["email_template_id": templates[field]!])
                    #expect(sent.status == (allowed ? 200 : 422), "\(role.name) \(field.rawValue): \(sent.status) \(sent.body)")
                    if !allowed { #expect(sent.body["param"] as? String == "email_template_id") }
                }
            }
        }
    }

    @Test("the subject's statement says how much each role saw: a support agent saw the phone's last four digits", arguments: ["en", "de"])
    func statement(language: String) async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        let id = try await fixture.test { client in
            let teammate = try await client.call(.post, "/v2/teammates/create", key: admin, json: ["name": "Theo", "email": "theo@example.de"])
            let teammateID = try #require((teammate.body["teammate"] as? [String: Any])?["id"] as? String)
            let id = try await client.call(.post, "/v2/customers/create", key: admin, json: Self.fullCustomer(teammate: teammateID)).customerID
            let agent = try await fixture.key(role: "support-agent", reach: .assignedTo(teammateID: teammateID))
            #expect(try await client.call(.get, "/v2/customers/retrieve/\(id)", key: agent).status == 200)
            return try #require(UUID(uuidString: id))
        }
        let package = try await fixture.service.exportSubject(.customer(id), purpose: .art15, request: .operator(command: "export")) {
            exporter, id in try await exporter.exportData(customerID: id, purpose: .art15, language: language).data
        }
        let file = fixture.directory.appendingPathComponent("statement-\(language).zip")
        try package.write(to: file)
        let archive = try Archive(url: file, accessMode: .read)
        for name in ["statement.txt", "statement.html"] {
            var data = Data()
            _ = try archive.extract(try #require(archive[name]), consumer: { data.append($0) })
            let text = String(decoding: data, as: UTF8.self)
            let rows = text.replacingOccurrences(of: "<li>", with: "\n").split(separator: "\n")
            let line = try #require(rows.first { $0.contains("support agent:") }, "\(name) names the role: \(text)")
            let expected = language == "en" ? ["Phone (last four digits)", "Email address (first letter and domain)"]
                                            : ["Telefon (letzte vier Ziffern)", "E-Mail-Adresse (erster Buchstabe und Domain)"]
            for part in expected { #expect(line.contains(part), "\(name): \(line)") }
            #expect(!line.contains("Further notes") && !line.contains("Stripe"), "withheld fields were not seen: \(line)")
            #expect(text.contains("admin: "), "the admin's own reads are listed too")
        }
    }

    static let purposeRoles = """
        roles:
          admin:
            scopes: [customers.view, customers.create, customers.edit, teammates.manage, keys.manage, audit.read]
            purpose: administration
          agent:
            scopes: [customers.view]
            purpose: customer-support
            purposes: [contract]
            fields:
              default: plain
              phone: { show: masked, purpose_required: true }
              addresses: { show: plain, purpose_required: true }
              metadata: hidden
        """

    @Test("purpose-bound fields: withheld without Tresor-Purpose and named in Tresor-Withheld; shown with an allowed purpose; 422 for others")
    func purposeBoundReads() async throws {
        let fixture = try await HTTPFixture(roles: Self.purposeRoles)
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            let id = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody()).customerID
            let agent = try await fixture.key(role: "agent", reach: .all)
            func read(_ purpose: String?, _ path: String = "/v2/customers/retrieve/\(id)") async throws -> APIResult {
                var headers: HTTPFields = [.authorization: "Bearer \(agent)"]
                if let purpose { headers[HTTPField.Name("tresor-purpose")!] = purpose }
                return try await client.execute(uri: path, method: .get, headers: headers) { response in
                    APIResult(status: response.status.code,
                              body: (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:],
                              headers: response.headers)
                }
            }
            let bare = try await read(nil)
            #expect(bare.status == 200)
            #expect(bare.customer["phone"] is NSNull && bare.customer["billing_addresses"] is NSNull, "\(bare.customer)")
            #expect(Set(bare.customer["withheld_fields"] as? [String] ?? []) == ["phone", "billing_addresses", "shipping_addresses"])
            #expect(bare.customer["name"] as? String == "Anna" && bare.customer["metadata"] == nil, "the rest as the policy says")
            let header = bare.headers[HTTPField.Name("tresor-withheld")!] ?? ""
            #expect(header.hasPrefix("addresses, phone;") && header.contains("purpose required"), "\(header)")
            let listed = try await read(nil, "/v2/customers/list")
            #expect(listed.headers[HTTPField.Name("tresor-withheld")!] == header, "lists say it too")

            for purpose in ["customer-support", "contract"] {
                let stated = try await read(purpose)
                #expect(stated.status == 200 && stated.headers[HTTPField.Name("tresor-withheld")!] == nil, "\(purpose)")
                #expect(stated.customer["phone"] as? String == "•••4567", "masked, as the policy says, once a purpose is stated: \(stated.customer)")
                #expect((stated.customer["billing_addresses"] as? [[String: Any]])?.first?["city"] as? String == "Berlin")
            }
            let notTheRoles = try await read("marketing")
            #expect(notTheRoles.status == 422 && notTheRoles.body["param"] as? String == "tresor-purpose", "\(notTheRoles.body)")
            let unknown = try await read("curiosity")
            #expect(unknown.status == 422 && unknown.body["param"] as? String == "tresor-purpose")

            var entries: [AccessLogEntry] = []
            try await fixture.store.forEachAccessLogEntry(AccessLogQuery(action: "customer.view")) { entries.append($0); return true }
            let agentReads = entries.filter { $0.record.actor.role == "agent" }
            #expect(agentReads.first?.record.fields.contains("phone:withheld") == true, "\(agentReads.first?.record.fields ?? [])")
            #expect(agentReads.last?.record.fields.contains("phone:masked") == true && agentReads.last?.record.purpose == "contract")
        }
    }

    @Test("every stored property of a customer is a policy field or named here as not personal data; every field has a policy in every shipped role")
    func everyFieldHasAPolicy() throws {
        let customer = Customer(id: UUID(), name: "A", email: "a@example.de", country: CountryCode("DE")!, createdAt: 0, updatedAt: 0)
        let properties = Mirror(reflecting: customer).children.compactMap(\.label)
        let covered: [String: CustomerField] = [
            "name": .name, "lastName": .lastName, "email": .email, "phone": .phone, "company": .company, "country": .country,
            "locale": .locale, "timezoneOffset": .timezoneOffset, "category": .category, "priority": .priority, "leadStatus": .leadStatus,
            "teammateID": .teammateID, "metadata": .metadata, "stripeCustomerID": .stripeCustomerID, "affiliatePartnerID": .affiliatePartnerID,
            "billingAddresses": .addresses, "shippingAddresses": .addresses,
        ]
        // The record's own facts, not personal data: the id, when and how it came in, its lists.
        let exempt: Set<String> = ["id", "source", "createdAt", "updatedAt", "mailingListIDs"]
        for property in properties {
            #expect(covered[property] != nil || exempt.contains(property),
                    "Customer.\(property) is new: give it a CustomerField and a policy in every role of roles.yaml, or say why it is not personal data")
        }
        #expect(Set(covered.values) == Set(CustomerField.allCases).subtracting([.vat]))
    }
}
