import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TresorCompliance
@testable import TresorHTTP
import TresorModel
import TresorService

/// Every route of the application, enumerated from the router, tried with a key narrowed to
/// customer A while customer B exists: no answer shows anything of B, an answer about B is the
/// answer about an id that does not exist, and nothing of B changes. A route added without an
/// entry here fails the test, so no route escapes the narrowing check. The same with a key whose
/// role's row filter admits A's country (DE) and not B's (FR) instead of a narrowed key.
@Suite("HTTP: every route honours narrowing")
struct RouteNarrowingTests {
    enum Kind: Sendable {
        /// No authentication and no customer data (health, metrics, the API description).
        case open
        /// Acts on every customer: a narrowed key is refused (403).
        case deploymentWide
        /// Names B's resource through this placeholder: answered as for an id that does not exist.
        case namesOther(String)
        /// Answers with a collection, or acts without naming a customer: B does not appear in it.
        case other
    }

    struct Case: @unchecked Sendable {
        var path: String
        var body: [String: Any]?
        var kind: Kind
    }

    /// Keyed by the router's description of the route (`METHOD /path/{parameter}`).
    static let cases: [String: Case] = [
        "GET /metrics": Case(path: "/metrics", kind: .open),
        "GET /healthz": Case(path: "/healthz", kind: .open),
        "GET /readyz": Case(path: "/readyz", kind: .open),
        "GET /openapi.yaml": Case(path: "/openapi.yaml", kind: .open),
        // Customers
        "POST /v2/customers/create": Case(path: "/v2/customers/create", body: customerBody("New", email: "new@example.de"), kind: .other),
        "GET /v2/customers/retrieve/{id}": Case(path: "/v2/customers/retrieve/{other}", kind: .namesOther("{other}")),
        "POST /v2/customers/update/{id}": Case(path: "/v2/customers/update/{other}", body: ["name": "Changed"], kind: .namesOther("{other}")),
        "GET /v2/customers/list": Case(path: "/v2/customers/list?include_leads=true", kind: .other),
        "POST /v2/customers/add-to-list/{id}": Case(path: "/v2/customers/add-to-list/{other}", body: ["mailing_list": "{list}"], kind: .namesOther("{other}")),
        "POST /v2/customers/remove-from-list/{id}": Case(path: "/v2/customers/remove-from-list/{other}", body: ["mailing_list": "{list}"], kind: .namesOther("{other}")),
        "POST /v2/customers/bulk/create": Case(path: "/v2/customers/bulk/create", body: ["customers": [customerBody("Bulk", email: "bulk@example.de")]], kind: .other),
        "POST /v2/customers/bulk/remove": Case(path: "/v2/customers/bulk/remove", body: ["customers": ["{other}"]], kind: .namesOther("{other}")),
        "POST /v2/customers/bulk/delete": Case(path: "/v2/customers/bulk/delete", body: ["customers": ["{other}"]], kind: .namesOther("{other}")),
        "POST /v2/customers/bulk/add-to-list": Case(path: "/v2/customers/bulk/add-to-list", body: ["customers": ["{other}"], "mailing_list": "{list}"], kind: .namesOther("{other}")),
        "POST /v2/customers/bulk/assign-to-teammate": Case(path: "/v2/customers/bulk/assign-to-teammate", body: ["customers": ["{other}"], "teammate_id": NSNull()], kind: .namesOther("{other}")),
        "POST /v2/customers/address/create/{id}": Case(path: "/v2/customers/address/create/{other}", body: ["name": "A", "country": "de", "address": "x", "city": "y"], kind: .namesOther("{other}")),
        "POST /v2/customers/address/update/{id}": Case(path: "/v2/customers/address/update/{address}", body: ["name": "A", "country": "de", "address": "x", "city": "y"], kind: .namesOther("{address}")),
        "DELETE /v2/customers/address/{id}": Case(path: "/v2/customers/address/{address}", kind: .namesOther("{address}")),
        "POST /v2/customers/send-email/{id}": Case(path: "/v2/customers/send-email/{other}", body: ["email_template_id": "{template}"], kind: .namesOther("{other}")),
        "POST /v2/customers/bulk/send-email": Case(path: "/v2/customers/bulk/send-email", body: ["customers": ["{other}"], "email_template_id": "{template}"], kind: .namesOther("{other}")),
        "POST /v2/customers/{id}/holds": Case(path: "/v2/customers/{other}/holds", body: ["rule": "invoices"], kind: .namesOther("{other}")),
        "GET /v2/customers/{id}/holds": Case(path: "/v2/customers/{other}/holds", kind: .namesOther("{other}")),
        "DELETE /v2/customers/{id}/holds/{hold_id}": Case(path: "/v2/customers/{other}/holds/{hold}", kind: .namesOther("{other}")),
        "DELETE /v2/customers/{id}": Case(path: "/v2/customers/{other}", kind: .namesOther("{other}")),
        // Leads: customers of category lead, B's lead named through {lead}
        "POST /v2/leads/create": Case(path: "/v2/leads/create", body: customerBody("NewLead", email: "new.lead@example.de"), kind: .other),
        "GET /v2/leads/retrieve/{id}": Case(path: "/v2/leads/retrieve/{lead}", kind: .namesOther("{lead}")),
        "POST /v2/leads/update/{id}": Case(path: "/v2/leads/update/{lead}", body: ["name": "Changed"], kind: .namesOther("{lead}")),
        "GET /v2/leads/list": Case(path: "/v2/leads/list", kind: .other),
        "POST /v2/leads/bulk/upgrade": Case(path: "/v2/leads/bulk/upgrade", body: ["leads": ["{lead}"]], kind: .namesOther("{lead}")),
        "POST /v2/leads/bulk/change-status": Case(path: "/v2/leads/bulk/change-status", body: ["leads": ["{lead}"], "lead_status": "qualified"], kind: .namesOther("{lead}")),
        "POST /v2/leads/bulk/change-priority": Case(path: "/v2/leads/bulk/change-priority", body: ["leads": ["{lead}"], "priority": "high"], kind: .namesOther("{lead}")),
        "POST /v2/leads/bulk/assign-to-teammate": Case(path: "/v2/leads/bulk/assign-to-teammate", body: ["leads": ["{lead}"], "teammate_id": NSNull()], kind: .namesOther("{lead}")),
        "DELETE /v2/leads/{id}": Case(path: "/v2/leads/{lead}", kind: .namesOther("{lead}")),
        // Email templates and records
        "POST /v2/email-templates": Case(path: "/v2/email-templates", body: ["name": "t2", "subject": "Hi", "text_body": "Hello {{name}}"], kind: .other),
        "GET /v2/email-templates": Case(path: "/v2/email-templates", kind: .other),
        "GET /v2/email-templates/{id}": Case(path: "/v2/email-templates/{template}", kind: .other),
        "DELETE /v2/email-templates/{id}": Case(path: "/v2/email-templates/{unused-template}", kind: .other),
        "GET /v2/emails": Case(path: "/v2/emails?customer_id={other}", kind: .namesOther("{other}")),
        // Mailing lists hold names only; teammates decide other keys' reach.
        "POST /v2/mailing-lists/create": Case(path: "/v2/mailing-lists/create", body: ["name": "Other list"], kind: .other),
        "GET /v2/mailing-lists/list": Case(path: "/v2/mailing-lists/list", kind: .other),
        "GET /v2/mailing-lists/retrieve/{id}": Case(path: "/v2/mailing-lists/retrieve/{list}", kind: .other),
        "DELETE /v2/mailing-lists/{id}": Case(path: "/v2/mailing-lists/{unused-list}", kind: .other),
        "POST /v2/teammates/create": Case(path: "/v2/teammates/create", body: ["name": "T", "email": "t2@example.de"], kind: .deploymentWide),
        "POST /v2/teammates/update/{id}": Case(path: "/v2/teammates/update/{teammate}", body: ["name": "T2"], kind: .deploymentWide),
        "GET /v2/teammates/list": Case(path: "/v2/teammates/list", kind: .deploymentWide),
        "GET /v2/teammates/retrieve/{id}": Case(path: "/v2/teammates/retrieve/{teammate}", kind: .deploymentWide),
        "DELETE /v2/teammates/{id}": Case(path: "/v2/teammates/{teammate}", kind: .deploymentWide),
        // API keys reach every customer.
        "POST /v2/api-keys": Case(path: "/v2/api-keys", body: ["role": "integration"], kind: .deploymentWide),
        "GET /v2/api-keys": Case(path: "/v2/api-keys", kind: .deploymentWide),
        "DELETE /v2/api-keys/{id}": Case(path: "/v2/api-keys/key_0000000000000000", kind: .deploymentWide),
        // The access log
        "GET /v2/audit/entries": Case(path: "/v2/audit/entries?customer={other}", kind: .namesOther("{other}")),
        // Webhooks
        "POST /v2/webhook-endpoints": Case(path: "/v2/webhook-endpoints", body: ["url": "https://hooks.example.de/x", "country": "de", "events": ["customer-updated"], "payload": "full"], kind: .deploymentWide),
        "GET /v2/webhook-endpoints": Case(path: "/v2/webhook-endpoints", kind: .deploymentWide),
        // Its Standard Webhooks headers are read before the scope is checked (422 without them); it
        // shows nothing of any customer either way.
        "POST /v2/webhook-endpoints/verify-signature": Case(path: "/v2/webhook-endpoints/verify-signature?endpoint_id={endpoint}", body: [:], kind: .other),
        "GET /v2/webhook-endpoints/{id}": Case(path: "/v2/webhook-endpoints/{endpoint}", kind: .deploymentWide),
        "DELETE /v2/webhook-endpoints/{id}": Case(path: "/v2/webhook-endpoints/{endpoint}", kind: .deploymentWide),
        "POST /v2/webhook-endpoints/{id}/rotate-secret": Case(path: "/v2/webhook-endpoints/{endpoint}/rotate-secret", kind: .deploymentWide),
        "GET /v2/webhook-endpoints/{id}/deliveries": Case(path: "/v2/webhook-endpoints/{endpoint}/deliveries", kind: .deploymentWide),
        "POST /v2/webhook-endpoints/{id}/deliveries/{delivery}/resend": Case(path: "/v2/webhook-endpoints/{endpoint}/deliveries/msg_x/resend", kind: .deploymentWide),
        // Compliance
        "POST /v2/compliance/exports": Case(path: "/v2/compliance/exports", body: ["customer_id": "{other}"], kind: .namesOther("{other}")),
        "GET /v2/compliance/exports/{id}": Case(path: "/v2/compliance/exports/exp_0123456789abcdef", kind: .other),
        "GET /v2/compliance/exports/{id}/download": Case(path: "/v2/compliance/exports/exp_0123456789abcdef/download", kind: .other),
        "POST /v2/compliance/erasure-requests": Case(path: "/v2/compliance/erasure-requests", body: ["customer_id": "{other}", "channel": "email"], kind: .namesOther("{other}")),
        "GET /v2/compliance/erasure-requests": Case(path: "/v2/compliance/erasure-requests", kind: .other),
        "GET /v2/compliance/erasure-requests/{id}": Case(path: "/v2/compliance/erasure-requests/{request}", kind: .namesOther("{request}")),
        "POST /v2/compliance/erasure-requests/{id}/approve": Case(path: "/v2/compliance/erasure-requests/{request}/approve", body: ["identity_verification": "id_document"], kind: .namesOther("{request}")),
        "POST /v2/compliance/erasure-requests/{id}/reject": Case(path: "/v2/compliance/erasure-requests/{request}/reject", body: ["reason": "manifestly_unfounded"], kind: .namesOther("{request}")),
        "POST /v2/compliance/erasure-requests/{id}/extend": Case(path: "/v2/compliance/erasure-requests/{request}/extend", body: ["months": 1, "reason": "complex"], kind: .namesOther("{request}")),
        "POST /v2/compliance/erasure-requests/{id}/execute": Case(path: "/v2/compliance/erasure-requests/{request}/execute", kind: .namesOther("{request}")),
        "GET /v2/compliance/erasure-certificates/{id}": Case(path: "/v2/compliance/erasure-certificates/{erased}", kind: .namesOther("{erased}")),
        "GET /v2/compliance/holds": Case(path: "/v2/compliance/holds", kind: .other),
        "GET /v2/compliance/holds/{id}/retained-data": Case(path: "/v2/compliance/holds/{hold}/retained-data", kind: .namesOther("{hold}")),
    ]

    /// How the key of the test is kept from B.
    enum Restriction: String, Sendable, CaseIterable {
        /// The key is narrowed to A (`--customers`).
        case narrowedKey = "narrowed key"
        /// The key's role has `rows: {country: [de]}`; B lives in France.
        case rowFilter = "row filter"
    }

    /// The shipped roles and `admin-de`: the admin's scopes but those that act on every customer
    /// (a role with a row filter cannot hold them), limited to customers in Germany.
    static let roles = DefaultPolicies.roles + """
          admin-de:
            scopes: [customers.view, customers.edit, customers.create, customers.remove, customers.email,
                     lists.manage, compliance.export, compliance.erasure, compliance.retention, holds.manage, audit.read]
            purpose: administration
            rows:
              country: [de]

        """

    /// A customer of B's, in France.
    static func otherBody(_ name: String, email: String) -> [String: Any] {
        var body = customerBody(name, email: email)
        body["country"] = "fr"
        return body
    }

    @Test("every route of the application is listed here, and none lets a key narrowed to A see or change B", arguments: Restriction.allCases)
    func everyRoute(restriction: Restriction) async throws {
        let fixture = try await HTTPFixture(email: EmailEndpointTests.settings, roles: Self.roles)
        let router = buildRouter(service: fixture.service, apiKeys: fixture.store.apiKeys, idempotency: fixture.store.idempotency,
                                 policies: fixture.policies, openAPIDocument: "openapi: 3.1.0\n")
        let listed = Set(router.routes.map(\.description))
        let missing = listed.subtracting(Self.cases.keys).sorted()
        #expect(missing.isEmpty, "routes without a narrowing case: \(missing)")
        #expect(Set(Self.cases.keys).subtracting(listed).isEmpty, "cases for routes that do not exist: \(Set(Self.cases.keys).subtracting(listed).sorted())")

        let admin = fixture.keys["admin"]!
        let marker = "OTHERQX9"
        try await Application(router: router).test(.router) { client in
            var values: [String: String] = [:]
            let mine = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody("Mine", email: "mine@example.de")).customerID
            let other = try await client.call(.post, "/v2/customers/create", key: admin, json: Self.otherBody("Other\(marker)", email: "other.\(marker.lowercased())@example.de"))
            values["{other}"] = other.customerID
            let otherLead = try await client.call(.post, "/v2/leads/create", key: admin, json: Self.otherBody("Lead\(marker)", email: "lead.\(marker.lowercased())@example.de"))
            values["{lead}"] = otherLead.customerID
            values["{address}"] = (other.customer["billing_addresses"] as? [[String: Any]])?.first?["id"] as? String
            let erased = try await client.call(.post, "/v2/customers/create", key: admin, json: Self.otherBody("Erased\(marker)", email: "erased@example.de")).customerID
            #expect(try await client.call(.delete, "/v2/customers/\(erased)", key: admin).status == 200)
            values["{erased}"] = erased
            func id(_ result: APIResult, _ object: String) -> String? { (result.body[object] as? [String: Any])?["id"] as? String }
            values["{list}"] = id(try await client.call(.post, "/v2/mailing-lists/create", key: admin, json: ["name": "News"]), "mailing_list")
            values["{unused-list}"] = id(try await client.call(.post, "/v2/mailing-lists/create", key: admin, json: ["name": "Old"]), "mailing_list")
            let template: [String: Any] = ["name": "t", "subject": "Hi", "text_body": "Hello {{name}}"]
            values["{template}"] = id(try await client.call(.post, "/v2/email-templates", key: admin, json: template), "email_template")
            var unused = template
            unused["name"] = "unused"
            values["{unused-template}"] = id(try await client.call(.post, "/v2/email-templates", key: admin, json: unused), "email_template")
            values["{teammate}"] = id(try await client.call(.post, "/v2/teammates/create", key: admin, json: ["name": "T", "email": "t@example.de"]), "teammate")
            values["{endpoint}"] = id(try await client.call(.post, "/v2/webhook-endpoints", key: admin,
                                                            json: ["url": "https://hooks.example.de/tresor", "country": "de", "events": ["customer-updated"]]), "webhook_endpoint")
            values["{request}"] = id(try await client.call(.post, "/v2/compliance/erasure-requests", key: admin,
                                                           json: ["customer_id": other.customerID, "channel": "email"]), "erasure_request")
            values["{hold}"] = id(try await client.call(.post, "/v2/customers/\(other.customerID)/holds", key: admin, json: ["rule": "invoices"]), "legal_hold")
            #expect(try await client.call(.post, "/v2/customers/add-to-list/\(other.customerID)", key: admin, json: ["mailing_list": values["{list}"]!]).status == 200)
            for name in ["{address}", "{list}", "{unused-list}", "{template}", "{unused-template}", "{teammate}", "{endpoint}", "{request}", "{hold}"] {
                try #require(values[name] != nil, "set-up of \(name)")
            }
            let before = try await client.call(.get, "/v2/customers/retrieve/\(other.customerID)", key: admin).customer
            let leadBefore = try await client.call(.get, "/v2/leads/retrieve/\(otherLead.customerID)", key: admin).customer
            #expect(leadBefore["category"] as? String == "lead")

            let narrowed = restriction == .narrowedKey ? try await fixture.key(role: "admin", reach: .customers([mine]))
                                                       : try await fixture.key(role: "admin-de", reach: .all)
            let secrets = [other.customerID, otherLead.customerID, erased, marker, marker.lowercased()]
            func fill(_ text: String, _ replacements: [String: String]) -> String {
                var text = text
                for (placeholder, value) in replacements { text = text.replacingOccurrences(of: placeholder, with: value) }
                return text
            }
            func call(_ route: String, _ testCase: Case, _ replacements: [String: String]) async throws -> APIResult {
                let method = HTTPRequest.Method(rawValue: String(route.prefix { $0 != " " }))!
                var body: [String: Any]?
                if let json = testCase.body {
                    let text = String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self)
                    body = try JSONSerialization.jsonObject(with: Data(fill(text, replacements).utf8)) as? [String: Any]
                }
                return try await client.call(method, fill(testCase.path, replacements), key: testCase.kind.isOpen ? nil : narrowed, json: body)
            }
            // Deletions last, so that every other route still finds what it names.
            let order = Self.cases.keys.sorted { ($0.hasPrefix("DELETE") ? 1 : 0, $0) < ($1.hasPrefix("DELETE") ? 1 : 0, $1) }
            for route in order {
                let testCase = Self.cases[route]!
                let answer = try await call(route, testCase, values)
                var shown = String(decoding: try JSONSerialization.data(withJSONObject: answer.body), as: UTF8.self)
                switch testCase.kind {
                case .open:
                    #expect(answer.status == 200, "\(route)")
                case .deploymentWide:
                    #expect(answer.status == 403, "\(route): \(answer.body)")
                case let .namesOther(placeholder):
                    let unknown = UUID().uuidString.lowercased()
                    var replacements = values
                    replacements[placeholder] = unknown
                    let absent = try await call(route, testCase, replacements)
                    let named = values[placeholder]!
                    #expect(NarrowingTests.shape(answer, replacing: [named]) == NarrowingTests.shape(absent, replacing: [unknown]),
                            "\(route): B's answer differs from a nonexistent id's")
                    shown = shown.replacingOccurrences(of: named, with: "")
                case .other:
                    #expect(answer.status < 500, "\(route): \(answer.body)")
                }
                for secret in secrets { #expect(!shown.contains(secret), "\(route) shows \(secret): \(shown)") }
            }

            // Nothing of B changed: its fields, list, request and hold are as they were.
            let after = try await client.call(.get, "/v2/customers/retrieve/\(other.customerID)", key: admin).customer
            #expect(NSDictionary(dictionary: after) == NSDictionary(dictionary: before))
            let leadAfter = try await client.call(.get, "/v2/leads/retrieve/\(otherLead.customerID)", key: admin).customer
            #expect(NSDictionary(dictionary: leadAfter) == NSDictionary(dictionary: leadBefore), "B's lead is as it was")
            let request = try await client.call(.get, "/v2/compliance/erasure-requests/\(values["{request}"]!)", key: admin)
            #expect((request.body["erasure_request"] as? [String: Any])?["status"] as? String == "received")
            let holds = try await client.call(.get, "/v2/customers/\(other.customerID)/holds", key: admin)
            #expect((holds.body["data"] as? [[String: Any]])?.first?["status"] as? String == "active", "\(holds.body)")
            #expect(try await client.call(.get, "/v2/webhook-endpoints/\(values["{endpoint}"]!)", key: admin).status == 200)
            #expect(try await client.call(.get, "/v2/teammates/retrieve/\(values["{teammate}"]!)", key: admin).status == 200)
        }
    }
}

extension RouteNarrowingTests.Kind {
    var isOpen: Bool {
        if case .open = self { return true }
        return false
    }
}
