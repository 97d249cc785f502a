import Foundation
import TresorModel
import Yams

/// `policies/processing.yaml`: the controller, the categories of personal data, the purposes
/// with their legal bases and retention, the recipients, and automated decision-making: what an
/// Art. 15 statement must tell a data subject.
public struct ProcessingPolicy: Sendable {
    public static let fileName = "processing.yaml"

    public struct Controller: Sendable {
        public let name: String
        public let address: String
        public let contact: String
        public let dataProtectionOfficer: String?
        public let supervisoryAuthority: LocalizedText
    }

    public struct Category: Sendable {
        public let id: String
        public let name: LocalizedText
        /// Customer fields (and `mailing_lists`, `emails`, `webhooks`) in this category.
        public let fields: [String]
        /// Where the data comes from; nil when the subject provided it (Art. 15(1)(g)).
        public let source: LocalizedText?
    }

    public struct Purpose: Sendable {
        public let id: String
        public let name: LocalizedText
        public let legalBasis: LocalizedText
        public let categories: [String]
        public let retention: LocalizedText
    }

    public struct Recipient: Sendable {
        public let name: LocalizedText
        public let country: CountryCode
        public let purposes: [String]
        /// The Art. 46 safeguards for a recipient in a third country without an adequacy decision.
        public let safeguards: LocalizedText?
    }

    public let controller: Controller
    public let categories: [Category]
    public let purposes: [Purpose]
    public let recipients: [Recipient]
    public let automatedDecisions: LocalizedText
    public let file: String

    /// The names `fields` may use.
    public static let knownFields: Set<String> = [
        "name", "last_name", "email", "phone", "company", "country", "locale", "timezone_offset", "category", "priority", "lead_status",
        "teammate_id", "metadata", "stripe_customer_id", "affiliate_partner_id", "source", "billing_addresses", "shipping_addresses",
        "mailing_lists", "emails", "webhooks",
    ]

    public init(text: String, file: String = fileName) throws {
        self.file = file
        let document = try PolicyDocument(text: text, file: file)
        let top = try document.mapping(document.root, field: "")
        try document.rejectUnknownKeys(top, allowed: ["controller", "categories", "purposes", "recipients", "automated_decisions"], field: "")

        let controller = try document.mapping(top["controller"], field: "controller")
        try document.rejectUnknownKeys(controller, allowed: ["name", "address", "contact", "data_protection_officer", "supervisory_authority"],
                                       field: "controller")
        self.controller = Controller(
            name: try document.string(controller["name"], field: "controller.name"),
            address: try document.string(controller["address"], field: "controller.address"),
            contact: try document.string(controller["contact"], field: "controller.contact"),
            dataProtectionOfficer: try controller["data_protection_officer"].map { try document.string($0, field: "controller.data_protection_officer") },
            supervisoryAuthority: try document.localized(controller["supervisory_authority"], field: "controller.supervisory_authority"))

        var categories: [Category] = []
        for (key, value) in try document.mapping(top["categories"], field: "categories") {
            let id = try document.string(key, field: "categories")
            let field = "categories.\(id)"
            let category = try document.mapping(value, field: field)
            try document.rejectUnknownKeys(category, allowed: ["name", "fields", "source"], field: field)
            let fields = try document.strings(category["fields"], field: "\(field).fields")
            for (name, node) in fields where !Self.knownFields.contains(name) {
                throw document.error(node, field: "\(field).fields", "\(name) is not a customer field; expected one of \(Self.knownFields.sorted().joined(separator: ", "))")
            }
            var source: LocalizedText?
            if let node = category["source"], node.string != "subject" { source = try document.localized(node, field: "\(field).source") }
            categories.append(Category(id: id, name: try document.localized(category["name"], field: "\(field).name"), fields: fields.map(\.0), source: source))
        }
        guard !categories.isEmpty else { throw document.error(top["categories"], field: "categories", "must name at least one category") }
        self.categories = categories
        let categoryIDs = Set(categories.map(\.id))

        var purposes: [Purpose] = []
        for (index, node) in (top["purposes"]?.sequence ?? []).enumerated() {
            let field = "purposes[\(index)]"
            let purpose = try document.mapping(node, field: field)
            try document.rejectUnknownKeys(purpose, allowed: ["id", "name", "legal_basis", "categories", "retention"], field: field)
            let used = try document.strings(purpose["categories"], field: "\(field).categories")
            for (id, node) in used where !categoryIDs.contains(id) {
                throw document.error(node, field: "\(field).categories", "\(id) is not one of the categories above")
            }
            purposes.append(Purpose(id: try document.string(purpose["id"], field: "\(field).id"), name: try document.localized(purpose["name"], field: "\(field).name"),
                                    legalBasis: try document.localized(purpose["legal_basis"], field: "\(field).legal_basis"),
                                    categories: used.map(\.0), retention: try document.localized(purpose["retention"], field: "\(field).retention")))
        }
        guard !purposes.isEmpty else { throw document.error(top["purposes"], field: "purposes", "must be a list of at least one purpose") }
        self.purposes = purposes
        let purposeIDs = Set(purposes.map(\.id))

        var recipients: [Recipient] = []
        for (index, node) in (top["recipients"]?.sequence ?? []).enumerated() {
            let field = "recipients[\(index)]"
            let recipient = try document.mapping(node, field: field)
            try document.rejectUnknownKeys(recipient, allowed: ["name", "country", "purposes", "safeguards"], field: field)
            guard let country = CountryCode(try document.string(recipient["country"], field: "\(field).country")) else {
                throw document.error(recipient["country"], field: "\(field).country", "must be an ISO 3166-1 alpha-2 country code")
            }
            let served = try document.strings(recipient["purposes"], field: "\(field).purposes")
            for (id, node) in served where !purposeIDs.contains(id) {
                throw document.error(node, field: "\(field).purposes", "\(id) is not one of the purposes above")
            }
            recipients.append(Recipient(name: try document.localized(recipient["name"], field: "\(field).name"), country: country,
                                        purposes: served.map(\.0),
                                        safeguards: try recipient["safeguards"].map { try document.localized($0, field: "\(field).safeguards") }))
        }
        self.recipients = recipients
        automatedDecisions = try document.localized(top["automated_decisions"], field: "automated_decisions")
    }

    /// Every recipient in a third country without an adequacy decision must name its safeguards.
    public func checkTransfers(against residency: ResidencyPolicy) throws {
        for (index, recipient) in recipients.enumerated() where recipient.safeguards == nil {
            if case .refused = residency.transferDecision(to: recipient.country) {
                throw PolicyError(file: file, line: nil, field: "recipients[\(index)].safeguards",
                                  reason: "\(recipient.country.code) is outside the EU/EEA without an adequacy decision: name the safeguards (Art. 46 GDPR)")
            }
        }
    }
}

extension ProcessingPolicy {
    /// The name of the category `id` in `language` ("Identität"), nil when the policy has none.
    public func categoryName(_ id: String, language: String) -> String? {
        categories.first { $0.id == id }?.name.text(language)
    }
}
