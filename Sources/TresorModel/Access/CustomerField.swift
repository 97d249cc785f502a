/// The fields of a customer a role's field policy speaks about (`fields:` in roles.yaml), by
/// their API names. `addresses` is every billing and shipping address field except `vat`, which
/// has a policy of its own.
public enum CustomerField: String, Sendable, CaseIterable, Comparable {
    case name, lastName = "last_name", email, phone, company, country, locale, timezoneOffset = "timezone_offset"
    case category, priority, leadStatus = "lead_status", teammateID = "teammate_id", metadata
    case stripeCustomerID = "stripe_customer_id", affiliatePartnerID = "affiliate_partner_id", addresses, vat

    /// The mask a `masked` policy shows, or nil for a field that has none (then only `plain`,
    /// `redacted` and `hidden` are allowed).
    public var mask: FieldMask? {
        switch self {
        case .name, .lastName, .company: return .initials
        case .email: return .email
        case .phone: return .lastFourDigits
        case .addresses: return .cityAndCountry
        case .vat: return .vatCountryAndLastThree
        case .country, .locale, .timezoneOffset, .category, .priority, .leadStatus, .teammateID, .metadata,
             .stripeCustomerID, .affiliatePartnerID:
            return nil
        }
    }

    /// The field a name in an access-log entry or a JSON answer stands for
    /// (`billing_addresses` and `shipping_addresses` are `addresses`).
    public init?(apiName: String) {
        switch apiName {
        case "billing_addresses", "shipping_addresses": self = .addresses
        default: self.init(rawValue: apiName)
        }
    }

    public static func < (lhs: CustomerField, rhs: CustomerField) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// How much of a field a role sees.
public enum Disclosure: String, Sendable, CaseIterable {
    /// The value as stored.
    case plain
    /// The field's mask (``FieldMask``), computed after decryption and never stored.
    case masked
    /// Present as `null`, and named in the answer's `withheld_fields`.
    case redacted
    /// Absent from the answer.
    case hidden

    /// Whether the value is kept back entirely.
    public var withholds: Bool { self == .redacted || self == .hidden }
}

/// The documented masks (Docs/access-control.md).
public enum FieldMask: String, Sendable {
    /// `Anna` → `A.`; `Anna-Lena Schmidt` → `A. L. S.`
    case initials
    /// `anna.schmidt@example.de` → `a***@example.de`
    case email
    /// `+49 30 1234567` → `•••4567`
    case lastFourDigits
    /// An address shows its city and country only.
    case cityAndCountry
    /// `DE136695976` → `DE•••••976`
    case vatCountryAndLastThree

    /// How the access log and the subject's statement describe what was shown.
    public var description: String {
        switch self {
        case .initials: return "initials"
        case .email: return "first letter and domain"
        case .lastFourDigits: return "last four digits"
        case .cityAndCountry: return "city and country"
        case .vatCountryAndLastThree: return "country prefix and last three characters"
        }
    }

    /// The masked form of `text`.
    public func apply(_ text: String) -> String {
        switch self {
        case .initials:
            let words = text.split(whereSeparator: { $0 == " " || $0 == "-" })
            return words.compactMap(\.first).map { "\($0)." }.joined(separator: " ")
        case .email:
            guard let at = text.lastIndex(of: "@"), let first = text.first, at != text.startIndex else { return "***" }
            return "\(first)***\(text[at...])"
        case .lastFourDigits:
            let digits = text.filter(\.isNumber)
            return "•••" + String(digits.suffix(4))
        case .vatCountryAndLastThree:
            let characters = Array(text.filter { !$0.isWhitespace })
            // Shorter than a real VAT number: showing five characters would show most of it.
            guard characters.count >= 8 else { return String(repeating: "•", count: characters.count) }
            return String(characters.prefix(2)) + String(repeating: "•", count: characters.count - 5) + String(characters.suffix(3))
        case .cityAndCountry:
            return text
        }
    }
}
