import Foundation
import Testing
@testable import TresorCompliance
import TresorModel

@Suite("Policy files")
struct PolicyTests {
    static var repositoryPolicies: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.lastPathComponent != "Tests" { url.deleteLastPathComponent() }
        return url.deletingLastPathComponent().appendingPathComponent("policies")
    }

    @Test("the shipped policy files load, define the six roles, and equal the built-in defaults")
    func shippedPolicies() throws {
        let policies = try PolicySet.load(directory: Self.repositoryPolicies)
        #expect(Set(policies.roles.roles.keys) == ["admin", "support-agent", "marketing", "compliance-officer", "erasure-admin", "integration"])
        #expect(policies.roles.role(named: "admin")?.scopes == Set(Scope.allCases))
        #expect(policies.roles.role(named: "support-agent")?.assignedCustomersOnly == true)
        #expect(policies.roles.role(named: "integration")?.scopes == [.customersCreate, .customersView, .customersEdit, .holdsManage])
        #expect(policies.roles.role(named: "compliance-officer")?.scopes.contains(.complianceRetention) == true)
        #expect(policies.residency.storageRegion == "eu-central-1")
        #expect(policies.residency.storageCountry?.code == "DE")
        try policies.residency.checkStorageRegion()
        #expect(policies.undeclaredPurposes.isEmpty, "\(policies.undeclaredPurposes)")
        let rolesFile = try String(contentsOf: Self.repositoryPolicies.appendingPathComponent("roles.yaml"), encoding: .utf8)
        let residencyFile = try String(contentsOf: Self.repositoryPolicies.appendingPathComponent("residency.yaml"), encoding: .utf8)
        #expect(rolesFile == DefaultPolicies.roles)
        #expect(residencyFile == DefaultPolicies.residency)
        let retentionFile = try String(contentsOf: Self.repositoryPolicies.appendingPathComponent("retention.yaml"), encoding: .utf8)
        #expect(retentionFile == DefaultPolicies.retention)
        #expect(policies.retention.accessLogKeepDays == 1095)
        #expect(policies.retention.checkpointEveryEntries == 1000)
        let invoices = try #require(policies.retention.holdRules["invoices"])
        #expect(invoices.category == .billingAddresses && invoices.years == 8 && invoices.purpose == "invoicing")
        #expect(invoices.until(documentDate: CalendarDay(year: 2026, month: 3, day: 15)!) == CalendarDay(year: 2034, month: 12, day: 31))
        #expect(policies.retention.holdRules["commercial-letters"]?.years == 6)
        let processingFile = try String(contentsOf: Self.repositoryPolicies.appendingPathComponent("processing.yaml"), encoding: .utf8)
        #expect(processingFile == DefaultPolicies.processing)
        #expect(policies.processing.purposes.map(\.id) == ["contract", "invoicing", "newsletter", "sales-follow-up", "administration", "customer-support", "marketing",
                                                             "legal-obligation", "erasure-request", "webhook-notification", "email"])
        #expect(policies.processing.purposes.first { $0.id == "newsletter" }?.legalBasis.text("en").contains("6(1)(a)") == true)
        #expect(policies.processing.categories.first { $0.id == "relationship" }?.source?.text("de").isEmpty == false)
        #expect(policies.processing.categories.first { $0.id == "identity" }?.source == nil)
    }

    @Test("processing.yaml: an unknown category, an unknown field and a US recipient without safeguards are named")
    func processingMistakes() throws {
        let unknownCategory = DefaultPolicies.processing.replacingOccurrences(of: "categories: [identity, addresses]", with: "categories: [identity, adresses]")
        #expect(Self.failure { _ = try ProcessingPolicy(text: unknownCategory) }?.field == "purposes[1].categories")
        let unknownField = DefaultPolicies.processing.replacingOccurrences(of: "fields: [name, last_name, company]", with: "fields: [name, surname]")
        #expect(Self.failure { _ = try ProcessingPolicy(text: unknownField) }?.field == "categories.identity.fields")
        let american = try ProcessingPolicy(text: DefaultPolicies.processing.replacingOccurrences(of: "    country: IE", with: "    country: US"))
        let error = Self.failure { try american.checkTransfers(against: .builtIn) }
        #expect(error?.field == "recipients[3].safeguards")
        let withSafeguards = DefaultPolicies.processing.replacingOccurrences(
            of: "    country: IE", with: "    country: US\n    safeguards: standard contractual clauses (Commission Decision 2021/914)")
        try ProcessingPolicy(text: withSafeguards).checkTransfers(against: .builtIn)
    }

    static func failure(_ body: () throws -> Void) -> PolicyError? {
        do {
            try body()
            return nil
        } catch {
            return error as? PolicyError
        }
    }

    @Test("a legal-hold rule with an unknown category names the field and line")
    func holdRuleUnknownCategory() {
        let text = "legal_holds:\n  invoices:\n    category: invoices\n    legal_basis: AO\n    purpose: invoicing\n    years: 8\n"
        #expect { try RetentionPolicy(text: text) } throws: { error in
            let policyError = error as? PolicyError
            return policyError?.field == "legal_holds.invoices.category" && policyError?.line == 3
        }
    }

    @Test("a retention value out of range names the field and line")
    func retentionOutOfRange() {
        let text = "access_log:\n  keep_days: 0\n"
        let error = #expect(throws: PolicyError.self) { try RetentionPolicy(text: text) }
        #expect(error?.field == "access_log.keep_days")
        #expect(error?.line == 2)
    }

    @Test("an unknown scope names the file, line and field")
    func unknownScope() {
        let text = "roles:\n  support:\n    scopes: [customers.view, customer.edit]\n    purpose: support\n"
        let error = #expect(throws: PolicyError.self) { try RolesPolicy(text: text) }
        #expect(error?.file == "roles.yaml")
        #expect(error?.line == 3)
        #expect(error?.field == "roles.support.scopes[1]")
        #expect(error?.reason.contains("unknown scope 'customer.edit'") == true)
    }

    @Test("a typo in a key and broken YAML are refused with their line")
    func typosAndSyntax() {
        let typo = #expect(throws: PolicyError.self) {
            try RolesPolicy(text: "roles:\n  a:\n    scopes: [customers.view]\n    purpse: x\n")
        }
        #expect(typo?.field == "roles.a.purpse")
        #expect(typo?.line == 4)
        let broken = #expect(throws: PolicyError.self) { try RolesPolicy(text: "roles:\n  a: [unclosed\n") }
        #expect(broken?.line != nil)
        #expect(broken?.reason.hasPrefix("not valid YAML") == true)
    }

    @Test("a storage region outside the EU/EEA stops start-up with the region and the file named")
    func storageRegionOutsideEU() throws {
        let text = DefaultPolicies.residency.replacingOccurrences(of: "storage_region: eu-central-1", with: "storage_region: us-east-1")
        let policy = try ResidencyPolicy(text: text, file: "policies/residency.yaml")
        let error = #expect(throws: PolicyError.self) { try policy.checkStorageRegion() }
        #expect(error?.description.hasPrefix("policies/residency.yaml:3: storage_region: storage region 'us-east-1' (in US)") == true)
    }

    @Test("an allowed region outside the EU/EEA is itself an error in the policy")
    func allowedRegionOutsideEU() {
        let text = DefaultPolicies.residency.replacingOccurrences(of: "allowed_regions: [eu-central-1,", with: "allowed_regions: [us-east-1, eu-central-1,")
        let error = #expect(throws: PolicyError.self) { try ResidencyPolicy(text: text) }
        #expect(error?.field == "allowed_regions[0]")
        #expect(error?.reason.contains("outside the EU/EEA") == true)
    }
}
