import Foundation

/// A partial update: nil leaves a field as it is. `teammateID` is doubly optional because
/// Tamio's `teammate_id: null` removes the assignment.
public struct CustomerPatch: Sendable, Equatable {
    public var name: String?
    public var lastName: String?
    public var email: String?
    public var phone: String?
    public var company: String?
    public var country: String?
    public var locale: String?
    public var timezoneOffset: String?
    public var category: String?
    public var priority: String?
    public var leadStatus: String?
    public var teammateID: UUID??
    public var metadata: [String: String]?
    public var stripeCustomerID: String?
    public var affiliatePartnerID: String?

    public init(name: String? = nil, lastName: String? = nil, email: String? = nil, phone: String? = nil,
                company: String? = nil, country: String? = nil, locale: String? = nil, timezoneOffset: String? = nil,
                category: String? = nil, priority: String? = nil, leadStatus: String? = nil, teammateID: UUID?? = nil,
                metadata: [String: String]? = nil, stripeCustomerID: String? = nil, affiliatePartnerID: String? = nil) {
        self.name = name
        self.lastName = lastName
        self.email = email
        self.phone = phone
        self.company = company
        self.country = country
        self.locale = locale
        self.timezoneOffset = timezoneOffset
        self.category = category
        self.priority = priority
        self.leadStatus = leadStatus
        self.teammateID = teammateID
        self.metadata = metadata
        self.stripeCustomerID = stripeCustomerID
        self.affiliatePartnerID = affiliatePartnerID
    }

    /// `customer` with this patch applied and validated, and the names of the fields that changed.
    public func applied(to customer: Customer, now: Int64) throws -> (customer: Customer, changedFields: [String]) {
        var updated = customer
        var changed: [String] = []
        func set<Value: Equatable>(_ keyPath: WritableKeyPath<Customer, Value>, _ value: Value, _ field: String) {
            if updated[keyPath: keyPath] != value {
                updated[keyPath: keyPath] = value
                changed.append(field)
            }
        }
        if let name { set(\.name, try FieldRules.requiredText(name, field: "name"), "name") }
        if let lastName { set(\.lastName, try FieldRules.optionalText(lastName, field: "last_name"), "last_name") }
        if let email { set(\.email, try FieldRules.email(email, field: "email", required: true)!, "email") }
        if let phone { set(\.phone, try FieldRules.optionalText(phone, field: "phone", maximumLength: 40), "phone") }
        if let company { set(\.company, try FieldRules.optionalText(company, field: "company"), "company") }
        if let country { set(\.country, try FieldRules.country(country, field: "country", required: true)!, "country") }
        if let locale { set(\.locale, try FieldRules.locale(locale, field: "locale"), "locale") }
        if let timezoneOffset { set(\.timezoneOffset, try FieldRules.timezoneOffset(timezoneOffset, field: "timezone_offset"), "timezone_offset") }
        if let category, let value = try CustomerDraft.parse(category, as: CustomerCategory.self, field: "category") {
            set(\.category, value, "category")
        }
        if let priority, let value = try CustomerDraft.parse(priority, as: CustomerPriority.self, field: "priority") {
            set(\.priority, value, "priority")
        }
        let validLeadStatus = try leadStatus.map { try FieldRules.optionalText($0, field: "lead_status", maximumLength: 64) }
        if updated.category == .lead {
            if let validLeadStatus { set(\.leadStatus, validLeadStatus, "lead_status") }
        } else {
            set(\.leadStatus, nil, "lead_status")  // Tamio keeps a lead status for leads only
        }
        if let teammateID { set(\.teammateID, teammateID, "teammate_id") }
        if let metadata { set(\.metadata, try FieldRules.metadata(metadata, field: "metadata"), "metadata") }
        if let stripeCustomerID {
            set(\.stripeCustomerID, try FieldRules.externalID(stripeCustomerID, field: "stripe_customer_id"), "stripe_customer_id")
        }
        if let affiliatePartnerID {
            set(\.affiliatePartnerID, try FieldRules.externalID(affiliatePartnerID, field: "affiliate_partner_id"),
                "affiliate_partner_id")
        }
        if !changed.isEmpty { updated.updatedAt = now }
        return (updated, changed)
    }
}
