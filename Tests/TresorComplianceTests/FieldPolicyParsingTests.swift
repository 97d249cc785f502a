import Foundation
import Testing
@testable import TresorCompliance
import TresorModel

/// `fields:` in roles.yaml, and the documented masks.
@Suite("field policies in roles.yaml")
struct FieldPolicyParsingTests {
    static func roles(fields: String) throws -> RolesPolicy {
        try RolesPolicy(text: """
            roles:
              agent:
                scopes: [customers.view]
                purpose: customer-support
                fields:
            \(fields)
            """)
    }

    @Test("every disclosure parses; default fills the rest; a role without fields sees everything plain")
    func parses() throws {
        let role = try #require(try Self.roles(fields: """
                  default: hidden
                  email: masked
                  phone: redacted
                  name: plain
            """).role(named: "agent"))
        #expect(role.fields.disclosure(of: .email) == .masked && role.fields.disclosure(of: .phone) == .redacted)
        #expect(role.fields.disclosure(of: .name) == .plain && role.fields.disclosure(of: .addresses) == .hidden)
        #expect(RolesPolicy.builtIn.role(named: "admin")?.fields.isPlain == true)
        let agent = try #require(RolesPolicy.builtIn.role(named: "support-agent"))
        #expect(agent.fields.disclosure(of: .phone) == .masked && agent.fields.disclosure(of: .metadata) == .hidden)
    }

    @Test("mistakes name the field and the line", arguments: [
        ("      country: masked", "roles.agent.fields.country", "has no mask"),
        ("      colour: plain", "roles.agent.fields.colour", "unknown field"),
        ("      email: blurred", "roles.agent.fields.email", "must be one of plain, masked, redacted, hidden"),
        ("      default: masked", "roles.agent.fields.default", "cannot be masked"),
        ("      email: masked", "roles.agent.fields", "names no policy for name, last_name, phone"),
    ])
    func mistakes(line: String, field: String, reason: String) throws {
        let error = #expect(throws: PolicyError.self) { try Self.roles(fields: line) }
        #expect(error?.field == field, "\(String(describing: error))")
        #expect(error?.reason.contains(reason) == true, "\(String(describing: error))")
        #expect(error?.line != nil)
    }

    @Test("rows: country, category and teammate lists; a role that acts on every customer cannot have them")
    func rows() throws {
        let roles = try RolesPolicy(text: """
            roles:
              de-sales:
                scopes: [customers.view]
                purpose: sales-follow-up
                rows: { country: [de, at], category: [lead] }
            """)
        let filter = try #require(roles.role(named: "de-sales")?.rows)
        #expect(filter.countries == [CountryCode("DE")!, CountryCode("AT")!] && filter.categories == [.lead])
        for (text, reason) in [("rows: { country: [xx1] }", "not an ISO 3166-1"), ("rows: { category: [vip] }", "must be customer or lead"),
                               ("rows: {}", "must give country, category or teammate"), ("rows: { region: [x] }", "unknown key"),
                               ("rows: { teammate: [theo] }", "not a teammate id")] {
            let error = #expect(throws: PolicyError.self) {
                try RolesPolicy(text: "roles:\n  r:\n    scopes: [customers.view]\n    purpose: p\n    \(text)\n")
            }
            #expect(error?.reason.contains(reason) == true, "\(text): \(String(describing: error))")
        }
        let wide = #expect(throws: PolicyError.self) {
            try RolesPolicy(text: "roles:\n  r:\n    scopes: [customers.view, webhooks.manage]\n    purpose: p\n    rows: { country: [de] }\n")
        }
        #expect(wide?.reason.contains("webhooks.manage") == true && wide?.field == "roles.r.rows", "\(String(describing: wide))")
    }

    @Test("the masks as documented")
    func masks() {
        #expect(FieldMask.initials.apply("Anna") == "A.")
        #expect(FieldMask.initials.apply("Anna-Lena Schmidt") == "A. L. S.")
        #expect(FieldMask.email.apply("anna.schmidt@example.de") == "a***@example.de")
        #expect(FieldMask.email.apply("@example.de") == "***")
        #expect(FieldMask.lastFourDigits.apply("+49 30 1234567") == "•••4567")
        #expect(FieldMask.lastFourDigits.apply("12") == "•••12")
        #expect(FieldMask.vatCountryAndLastThree.apply("DE136695976") == "DE••••••976")
        #expect(FieldMask.vatCountryAndLastThree.apply("DE 1234") == "••••••", "too short to show anything")
    }

    @Test("the access log names what was disclosed")
    func disclosedNames() {
        let policy = FieldPolicy([.phone: .masked, .email: .redacted, .addresses: .hidden])
        #expect(policy.disclosedName("phone") == "phone:masked")
        #expect(policy.disclosedName("email") == "email:withheld")
        #expect(policy.disclosedName("billing_addresses") == "billing_addresses:withheld")
        #expect(policy.disclosedName("name") == "name")
        #expect(policy.disclosedName("mailing_lists") == "mailing_lists")
    }
}
