/// A role's field policy (`fields:` in roles.yaml): how much of each customer field its keys see.
/// Applied by `TresorService` to every customer it hands out, after decryption; a role without
/// one sees every field plain.
public struct FieldPolicy: Sendable, Equatable {
    /// The fields that are not plain.
    public private(set) var restricted: [CustomerField: Disclosure]
    /// Fields shown only to a request that states its purpose (`Tresor-Purpose`); without one
    /// they are withheld (``withholding(_:)``).
    public private(set) var purposeRequired: Set<CustomerField>
    /// The fields this policy withholds because the request stated no purpose.
    public private(set) var withheldForLackOfPurpose: Set<CustomerField> = []

    public init(_ disclosures: [CustomerField: Disclosure] = [:], purposeRequired: Set<CustomerField> = []) {
        restricted = disclosures.filter { $0.value != .plain }
        self.purposeRequired = purposeRequired
    }

    /// The policy for a request that stated no purpose: the fields that require one are
    /// redacted, and named in ``withheldForLackOfPurpose``.
    public func withoutStatedPurpose() -> FieldPolicy {
        guard !purposeRequired.isEmpty else { return self }
        var policy = withholding(purposeRequired)
        policy.withheldForLackOfPurpose = purposeRequired.filter { !disclosure(of: $0).withholds }
        return policy
    }

    /// Every field plain: today's behaviour, and `admin`'s.
    public static let plain = FieldPolicy()

    public func disclosure(of field: CustomerField) -> Disclosure { restricted[field] ?? .plain }

    /// Whether every field is plain.
    public var isPlain: Bool { restricted.isEmpty }

    /// The policy with `fields` withheld (redacted) as well, for a read without the purpose the
    /// role requires for them.
    public func withholding(_ fields: Set<CustomerField>) -> FieldPolicy {
        var disclosures = restricted
        for field in fields where !disclosure(of: field).withholds { disclosures[field] = .redacted }
        return FieldPolicy(disclosures, purposeRequired: purposeRequired)
    }

    /// The customer as this policy shows it: masked values computed, withheld personal values
    /// removed. Clear attributes that cannot be empty (country, category, priority) keep their
    /// value here and are left out by the JSON rendering (``TamioCustomerJSON``), which follows
    /// the same policy.
    public func apply(to customer: Customer) -> Customer {
        guard !isPlain else { return customer }
        var shown = customer
        shown.name = text(customer.name, .name) ?? ""
        shown.lastName = customer.lastName.flatMap { text($0, .lastName) }
        shown.email = text(customer.email, .email) ?? ""
        shown.phone = customer.phone.flatMap { text($0, .phone) }
        shown.company = customer.company.flatMap { text($0, .company) }
        if disclosure(of: .locale).withholds { shown.locale = nil }
        if disclosure(of: .timezoneOffset).withholds { shown.timezoneOffset = nil }
        if disclosure(of: .leadStatus).withholds { shown.leadStatus = nil }
        if disclosure(of: .teammateID).withholds { shown.teammateID = nil }
        if disclosure(of: .metadata).withholds { shown.metadata = [:] }
        if disclosure(of: .stripeCustomerID).withholds { shown.stripeCustomerID = nil }
        if disclosure(of: .affiliatePartnerID).withholds { shown.affiliatePartnerID = nil }
        shown.billingAddresses = customer.billingAddresses.compactMap(address)
        shown.shippingAddresses = customer.shippingAddresses.compactMap(address)
        return shown
    }

    /// A field name as the access log records it: as it is when the field is shown plain,
    /// `phone:masked` or `phone:withheld` otherwise, so the log says what was disclosed.
    public func disclosedName(_ apiName: String) -> String {
        guard !isPlain, let field = CustomerField(apiName: apiName) else { return apiName }
        switch disclosure(of: field) {
        case .plain: return apiName
        case .masked: return "\(apiName):masked"
        case .redacted, .hidden: return "\(apiName):withheld"
        }
    }

    private func text(_ value: String, _ field: CustomerField) -> String? {
        switch disclosure(of: field) {
        case .plain: return value
        case .masked: return field.mask?.apply(value) ?? value
        case .redacted, .hidden: return nil
        }
    }

    private func address(_ address: Address) -> Address? {
        var shown = address
        switch disclosure(of: .addresses) {
        case .plain:
            break
        case .masked:
            shown = Address(id: address.id, kind: address.kind, city: address.city, country: address.country, isCompany: address.isCompany,
                            vat: address.vat, verifiedVAT: address.verifiedVAT)
        case .redacted, .hidden:
            return nil
        }
        shown.vat = address.vat.flatMap { text($0, .vat) }
        return shown
    }
}
