/// The outcome of checking an EU VAT identification number offline: format and check digits.
/// Registration is a separate question (VIES) that this does not answer.
public struct VATCheck: Sendable, Equatable, Codable {
    /// The number without separators, upper-case, with its prefix (`DE123456789`, `EL094259216`).
    public var normalized: String
    /// The VAT prefix (`DE`, `EL` for Greece, `XI` for Northern Ireland), when one was found.
    public var country: String?
    public var isValid: Bool
    /// Why the number is invalid; nil when it is valid.
    public var reason: String?
}

/// Offline validation of EU VAT numbers for the 27 member states (`EL` for Greece) and `XI`.
///
/// Normalisation: white space, `.`, `-`, `/`, `,` and `:` are removed and letters upper-cased;
/// the two-letter prefix may be left out when the address country implies it. Each country's
/// format and check-digit rules are implemented from the published algorithms (see
/// Docs/vat.md); the results are checked against python-stdnum in CI.
public enum VATNumber {
    /// The VAT prefixes checked here.
    public static let prefixes: Set<String> = [
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU",
        "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "XI",
    ]

    private static let separators: Set<Character> = [".", "-", "/", ",", ":"]

    /// Checks `text`. `impliedCountry` supplies the prefix when `text` has none (an address in
    /// Greece implies `EL`).
    public static func check(_ text: String, impliedCountry: CountryCode? = nil) -> VATCheck {
        let compact = String(text.uppercased().filter { !$0.isWhitespace && !separators.contains($0) })
        guard compact.allSatisfy({ $0.isASCII }) else {
            return VATCheck(normalized: compact, country: nil, isValid: false, reason: "contains characters other than letters and digits")
        }
        var prefix = String(compact.prefix(2))
        var body = String(compact.dropFirst(2))
        if prefix == "GR" { prefix = "EL" }
        if !prefixes.contains(prefix) {
            guard let impliedCountry else {
                return VATCheck(normalized: compact, country: nil, isValid: false,
                                reason: "does not start with an EU VAT prefix such as DE, FR or EL")
            }
            prefix = impliedCountry.code == "GR" ? "EL" : impliedCountry.code
            body = compact
            guard prefixes.contains(prefix) else {
                return VATCheck(normalized: compact, country: nil, isValid: false,
                                reason: "has no prefix, and \(impliedCountry.code) is not an EU member state")
            }
        }
        let result = VATCountryRules.check(prefix: prefix, body: Array(body.utf8))
        let normalized = prefix + String(decoding: result.body, as: UTF8.self)
        return VATCheck(normalized: normalized, country: prefix, isValid: result.reason == nil, reason: result.reason)
    }
}
