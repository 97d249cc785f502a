import Foundation

/// A customer as a caller sends it to create one, before validation.
public struct CustomerDraft: Sendable, Equatable, Codable {
    public var name: String?
    public var lastName: String?
    public var email: String?
    public var phone: String?
    public var company: String?
    public var country: String?
    /// The locale a customer created without one gets (Tamio's default).
    public static let defaultLocale = "en"
    /// The time-zone offset a customer created without one gets (Tamio's default).
    public static let defaultTimezoneOffset = "+00:00"
    public var locale: String?
    public var timezoneOffset: String?
    public var category: String?
    public var priority: String?
    public var leadStatus: String?
    public var teammateID: UUID?
    public var metadata: [String: String]?
    public var stripeCustomerID: String?
    public var affiliatePartnerID: String?
    /// Set by the operation that creates the customer, never by the caller.
    public var source: CustomerSource?
    public var billingAddresses: [AddressDraft]
    public var shippingAddresses: [AddressDraft]

    public init(name: String? = nil, lastName: String? = nil, email: String? = nil, phone: String? = nil,
                company: String? = nil, country: String? = nil, locale: String? = nil, timezoneOffset: String? = nil,
                category: String? = nil, priority: String? = nil, leadStatus: String? = nil, teammateID: UUID? = nil,
                metadata: [String: String]? = nil, stripeCustomerID: String? = nil, affiliatePartnerID: String? = nil,
                source: CustomerSource? = nil, billingAddresses: [AddressDraft] = [], shippingAddresses: [AddressDraft] = []) {
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
        self.source = source
        self.billingAddresses = billingAddresses
        self.shippingAddresses = shippingAddresses
    }

    /// Checks every field and returns the customer with the given identity and time.
    /// - Throws: ``FieldError`` naming the first field that is wrong.
    public func validated(id: UUID, now: Int64, newID: () -> UUID = UUID.init) throws -> Customer {
        let category = try CustomerDraft.parse(category, as: CustomerCategory.self, field: "category") ?? .customer
        var customer = Customer(
            id: id,
            name: try FieldRules.requiredText(name, field: "name"),
            lastName: try FieldRules.optionalText(lastName, field: "last_name"),
            email: try FieldRules.email(email, field: "email", required: true)!,
            phone: try FieldRules.optionalText(phone, field: "phone", maximumLength: 40),
            company: try FieldRules.optionalText(company, field: "company"),
            country: try FieldRules.country(country, field: "country", required: true)!,
            // Tamio's defaults when none is given.
            locale: try FieldRules.locale(locale ?? Self.defaultLocale, field: "locale"),
            timezoneOffset: try FieldRules.timezoneOffset(timezoneOffset ?? Self.defaultTimezoneOffset, field: "timezone_offset"),
            category: category,
            priority: try CustomerDraft.parse(priority, as: CustomerPriority.self, field: "priority") ?? .normal,
            leadStatus: category == .lead ? try FieldRules.optionalText(leadStatus, field: "lead_status", maximumLength: 64) : nil,
            teammateID: teammateID,
            metadata: try FieldRules.metadata(metadata, field: "metadata"),
            stripeCustomerID: try FieldRules.externalID(stripeCustomerID, field: "stripe_customer_id"),
            affiliatePartnerID: try FieldRules.externalID(affiliatePartnerID, field: "affiliate_partner_id"),
            source: source,
            createdAt: now, updatedAt: now)
        for (index, draft) in billingAddresses.enumerated() {
            do { customer.billingAddresses.append(try draft.validated(kind: .billing, id: newID())) }
            catch let error as FieldError { throw error.nested(under: "billing_addresses[\(index)]") }
        }
        for (index, draft) in shippingAddresses.enumerated() {
            do { customer.shippingAddresses.append(try draft.validated(kind: .shipping, id: newID())) }
            catch let error as FieldError { throw error.nested(under: "shipping_addresses[\(index)]") }
        }
        guard customer.addresses.count <= 20 else {
            throw FieldError(field: "billing_addresses", reason: "a customer may have at most 20 addresses")
        }
        return customer
    }

    static func parse<Value: RawRepresentable & CaseIterable>(_ text: String?, as type: Value.Type, field: String) throws -> Value?
    where Value.RawValue == String {
        guard let text, !text.isEmpty else { return nil }
        guard let value = Value(rawValue: text.lowercased()) else {
            let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
            throw FieldError(field: field, reason: "must be one of \(allowed)")
        }
        return value
    }
}
