import Foundation

/// An address as a caller sends it, before validation.
public struct AddressDraft: Sendable, Equatable, Codable {
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
    public var country: String?
    public var locale: String?
    public var message: String?
    public var isCompany: Bool?
    public var vat: String?
    public var customBillingFields: [String: String]?

    public init(name: String? = nil, lastName: String? = nil, company: String? = nil, representative: String? = nil,
                email: String? = nil, phone: String? = nil, address: String? = nil, city: String? = nil,
                postcode: String? = nil, state: String? = nil, country: String? = nil, locale: String? = nil,
                message: String? = nil, isCompany: Bool? = nil, vat: String? = nil, customBillingFields: [String: String]? = nil) {
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
        self.customBillingFields = customBillingFields
    }

    /// Checks every field and returns the address. Billing addresses need name, country,
    /// address and city (Tamio's required fields); shipping addresses need a country. A VAT
    /// number is accepted on billing addresses only: an EU number (an EU prefix, or an address in
    /// the EU) must pass its country's rules; any other is checked by ``ForeignVATNumber``
    /// (check digits for GB, CH, NO). Either is stored unverified (`verified_vat` false).
    public func validated(kind: AddressKind, id: UUID) throws -> Address {
        let billing = kind == .billing
        let country = try FieldRules.country(country, field: "country", required: true)!
        var vatNumber: String?
        if let vat, !vat.isEmpty {
            guard billing else { throw FieldError(field: "vat", reason: "applies to billing addresses only") }
            let check = Self.isEUNumber(vat, country: country) ? VATNumber.check(vat, impliedCountry: country) : ForeignVATNumber.check(vat, country: country)
            guard check.isValid else { throw FieldError(field: "vat", reason: check.reason ?? "is not a valid VAT number") }
            vatNumber = check.normalized
        }
        if let customBillingFields, !customBillingFields.isEmpty, !billing {
            throw FieldError(field: "custom_billing_fields", reason: "apply to billing addresses only")
        }
        return Address(
            id: id, kind: kind,
            name: billing ? try FieldRules.requiredText(name, field: "name") : try FieldRules.optionalText(name, field: "name"),
            lastName: try FieldRules.optionalText(lastName, field: "last_name"),
            company: try FieldRules.optionalText(company, field: "company"),
            representative: try FieldRules.optionalText(representative, field: "representative"),
            email: try FieldRules.email(email, field: "email", required: false),
            phone: try FieldRules.optionalText(phone, field: "phone", maximumLength: 40),
            address: billing ? try FieldRules.requiredText(address, field: "address") : try FieldRules.optionalText(address, field: "address"),
            city: billing ? try FieldRules.requiredText(city, field: "city") : try FieldRules.optionalText(city, field: "city"),
            postcode: try FieldRules.optionalText(postcode, field: "postcode", maximumLength: 20),
            state: try FieldRules.optionalText(state, field: "state", maximumLength: 100),
            country: country,
            locale: try FieldRules.locale(locale, field: "locale"),
            message: try FieldRules.optionalText(message, field: "message"),
            isCompany: billing ? (isCompany ?? false) : false,
            vat: vatNumber,
            verifiedVAT: false,
            customBillingFields: try FieldRules.metadata(customBillingFields, field: "custom_billing_fields"))
    }

    /// Whether `vat` is to be checked as an EU number: it starts with an EU VAT prefix, or it has
    /// no prefix of a checked non-EU country and the address is in an EU member state.
    static func isEUNumber(_ vat: String, country: CountryCode) -> Bool {
        let prefix = String(vat.uppercased().filter { $0.isLetter }.prefix(2))
        if VATNumber.prefixes.contains(prefix) || prefix == "GR" { return true }
        if ForeignVATNumber.checkedCountries.contains(prefix) { return false }
        let code = country.code == "GR" ? "EL" : country.code
        return VATNumber.prefixes.contains(code)
    }
}
