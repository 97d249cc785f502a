import Foundation

/// A billing or shipping address of a customer, in Tamio's fields. Every text field except
/// `country` and `locale` is personal data and stored sealed.
public struct Address: Sendable, Equatable, Codable {
    public var id: UUID
    public var kind: AddressKind
    public var name: String?
    public var lastName: String?
    public var company: String?
    public var representative: String?
    public var email: String?
    public var phone: String?
    public var address: String?
    public var city: String?
    public var postcode: String?
    public var state: String?
    public var country: CountryCode
    public var locale: String?
    public var message: String?
    public var isCompany: Bool
    public var vat: String?
    public var verifiedVAT: Bool
    /// Tamio's `custom_billing_fields`: the operator's own fields of a billing address; sealed.
    public var customBillingFields: [String: String]

    public init(id: UUID, kind: AddressKind, name: String? = nil, lastName: String? = nil, company: String? = nil,
                representative: String? = nil, email: String? = nil, phone: String? = nil, address: String? = nil,
                city: String? = nil, postcode: String? = nil, state: String? = nil, country: CountryCode,
                locale: String? = nil, message: String? = nil, isCompany: Bool = false, vat: String? = nil,
                verifiedVAT: Bool = false, customBillingFields: [String: String] = [:]) {
        self.id = id
        self.kind = kind
        self.name = name
        self.lastName = lastName
        self.company = company
        self.representative = representative
        self.email = email
        self.phone = phone
        self.address = address
        self.city = city
        self.postcode = postcode
        self.state = state
        self.country = country
        self.locale = locale
        self.message = message
        self.isCompany = isCompany
        self.vat = vat
        self.verifiedVAT = verifiedVAT
        self.customBillingFields = customBillingFields
    }

    /// The sealed text fields by column name, in a fixed order (the store's columns).
    public var sealedFields: [(column: String, value: String?)] {
        [("name", name), ("last_name", lastName), ("company", company), ("representative", representative),
         ("email", email), ("phone", phone), ("address", address), ("city", city), ("postcode", postcode),
         ("state", state), ("message", message), ("vat", vat), ("custom_billing_fields", StoredMap.json(customBillingFields))]
    }

}
