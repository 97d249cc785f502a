/// An ISO 3166-1 alpha-2 country code, stored upper-case (`DE`), accepted in any case (`de`).
public struct CountryCode: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The upper-case code.
    public let code: String

    /// Validates and normalises `text`; nil unless it is an assigned ISO 3166-1 alpha-2 code.
    public init?(_ text: String) {
        let upper = text.uppercased()
        guard upper.utf8.count == 2, Self.assigned.contains(upper) else { return nil }
        code = upper
    }

    public var description: String { code }

    public static func < (lhs: CountryCode, rhs: CountryCode) -> Bool { lhs.code < rhs.code }

    /// True for the 27 EU member states.
    public var isEUMember: Bool { Self.euMembers.contains(code) }

    /// True for the EU member states and Iceland, Liechtenstein and Norway.
    public var isEEAMember: Bool { isEUMember || ["IS", "LI", "NO"].contains(code) }

    /// The EU member states (ISO codes; Greece is `GR` here, `EL` only in VAT numbers).
    public static let euMembers: Set<String> = [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
        "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
    ]
}

extension CountryCode: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let code = CountryCode(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 3166-1 alpha-2 country code")
        }
        self = code
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
