import Foundation

/// A customer (or lead) as Tamio documents it. Names, email, phone, company, metadata and every
/// address field except country and locale are personal data and are stored sealed.
public struct Customer: Sendable, Equatable, Codable {
    public var id: UUID
    public var name: String
    public var lastName: String?
    public var email: String
    public var phone: String?
    public var company: String?
    public var country: CountryCode
    public var locale: String?
    public var timezoneOffset: String?
    public var category: CustomerCategory
    public var priority: CustomerPriority
    public var leadStatus: String?
    public var teammateID: UUID?
    public var metadata: [String: String]
    /// The customer's id at Stripe (Tamio's `stripe_customer_id`); sealed.
    public var stripeCustomerID: String?
    /// The affiliate partner that referred the customer (Tamio's `affiliate_partner_id`); sealed.
    public var affiliatePartnerID: String?
    /// How the customer came into the store (``CustomerSource``); nil for customers stored before it was recorded.
    public var source: CustomerSource?
    /// Unix seconds.
    public var createdAt: Int64
    /// Unix seconds.
    public var updatedAt: Int64
    public var billingAddresses: [Address]
    public var shippingAddresses: [Address]
    /// Mailing lists the customer is on.
    public var mailingListIDs: [UUID]

    public init(id: UUID, name: String, lastName: String? = nil, email: String, phone: String? = nil, company: String? = nil,
                country: CountryCode, locale: String? = nil, timezoneOffset: String? = nil, category: CustomerCategory = .customer,
                priority: CustomerPriority = .normal, leadStatus: String? = nil, teammateID: UUID? = nil,
                metadata: [String: String] = [:], stripeCustomerID: String? = nil, affiliatePartnerID: String? = nil,
                source: CustomerSource? = nil, createdAt: Int64, updatedAt: Int64, billingAddresses: [Address] = [],
                shippingAddresses: [Address] = [], mailingListIDs: [UUID] = []) {
        self.id = id
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
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.billingAddresses = billingAddresses
        self.shippingAddresses = shippingAddresses
        self.mailingListIDs = mailingListIDs
    }

    /// All addresses, billing first.
    public var addresses: [Address] { billingAddresses + shippingAddresses }
}
