/// VAT numbers of countries outside the EU: stored, never confirmed (`verified_vat` stays
/// false). Where a country defines check digits they are checked, agreeing with python-stdnum:
/// the United Kingdom (`GB`: 9 or 12 digits, government departments `GD`, health authorities
/// `HA`), Switzerland (`CHE`, 9 digits and `MWST`/`TVA`/`IVA`/`TPV`: the UID alone is not a VAT
/// number) and Norway
/// (`NO`, 9 digits, `MVA`). Numbers of other countries only need to look like an identifier:
/// 2 to 30 letters and digits.
public enum ForeignVATNumber {
    /// The countries whose check digits are checked.
    public static let checkedCountries: Set<String> = ["GB", "CH", "NO"]

    /// Checks `text` as a VAT number of `country` (the address country, or the number's own
    /// `GB`/`CH`/`NO` prefix when it has one).
    public static func check(_ text: String, country: CountryCode) -> VATCheck {
        let compact = String(text.uppercased().filter { !$0.isWhitespace && $0 != "-" && $0 != "." })
        guard compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            return invalid(compact, nil, "contains characters other than letters and digits")
        }
        let prefixed = checkedCountries.first { compact.hasPrefix($0) } ?? (compact.hasPrefix("CHE") ? "CH" : nil)
        switch prefixed ?? country.code {
        case "GB": return unitedKingdom(compact.hasPrefix("GB") ? String(compact.dropFirst(2)) : compact)
        case "CH": return switzerland(compact)
        case "NO": return norway(compact.hasPrefix("NO") ? String(compact.dropFirst(2)) : compact)
        default:
            guard (2...30).contains(compact.count) else { return invalid(compact, country.code, "must be 2 to 30 letters and digits") }
            return VATCheck(normalized: compact, country: country.code, isValid: true, reason: nil)
        }
    }

    private static func invalid(_ normalized: String, _ country: String?, _ reason: String) -> VATCheck {
        VATCheck(normalized: normalized, country: country, isValid: false, reason: reason)
    }

    private static func digits(_ text: Substring) -> [Int]? {
        let values = text.map { $0.wholeNumberValue }
        return values.contains(nil) ? nil : values.compactMap { $0 }
    }

    /// GB: `nnn nnnn nn` (+ `nnn` for a branch) with a modulus-97 check, `GDnnn` (below 500) or
    /// `HAnnn` (500 and above).
    private static func unitedKingdom(_ body: String) -> VATCheck {
        let normalized = "GB" + body
        let reason = "must be 9 or 12 digits with valid check digits, or GD/HA and 3 digits"
        if body.count == 5, body.hasPrefix("GD") || body.hasPrefix("HA"), let number = Int(body.dropFirst(2)), body.dropFirst(2).allSatisfy(\.isNumber) {
            let valid = body.hasPrefix("GD") ? number < 500 : number >= 500
            return valid ? VATCheck(normalized: normalized, country: "GB", isValid: true, reason: nil) : invalid(normalized, "GB", reason)
        }
        guard body.count == 9 || body.count == 12, let values = digits(body[...]) else { return invalid(normalized, "GB", reason) }
        let weights = [8, 7, 6, 5, 4, 3, 2, 10, 1]
        let sum = zip(weights, values.prefix(9)).reduce(0) { $0 + $1.0 * $1.1 } % 97
        let accepted: Set<Int> = (values[0] * 100 + values[1] * 10 + values[2]) >= 100 ? [0, 42, 55] : [0]
        return accepted.contains(sum) ? VATCheck(normalized: normalized, country: "GB", isValid: true, reason: nil) : invalid(normalized, "GB", reason)
    }

    /// CH: `CHE`, 9 digits whose last is a modulus-11 check digit, and the tax's name in one of
    /// the national languages.
    private static func switzerland(_ compact: String) -> VATCheck {
        let reason = "must be CHE and 9 digits with a valid check digit, followed by MWST, TVA, IVA or TPV"
        guard compact.hasPrefix("CHE"), [15, 16].contains(compact.count) else { return invalid(compact, "CH", reason) }
        let suffix = compact.dropFirst(12)
        guard ["MWST", "TVA", "IVA", "TPV"].contains(String(suffix)),
              let values = digits(compact.dropFirst(3).prefix(9)) else { return invalid(compact, "CH", reason) }
        let weights = [5, 4, 3, 2, 7, 6, 5, 4]
        let check = (11 - zip(weights, values).reduce(0) { $0 + $1.0 * $1.1 } % 11) % 11
        return check == values[8] ? VATCheck(normalized: compact, country: "CH", isValid: true, reason: nil) : invalid(compact, "CH", reason)
    }

    /// NO: the 9-digit organisation number (modulus-11) followed by `MVA`.
    private static func norway(_ body: String) -> VATCheck {
        let normalized = "NO" + body
        let reason = "must be 9 digits with a valid check digit followed by MVA"
        guard body.count == 12, body.hasSuffix("MVA"), let values = digits(body.prefix(9)) else { return invalid(normalized, "NO", reason) }
        let weights = [3, 2, 7, 6, 5, 4, 3, 2, 1]
        let valid = zip(weights, values).reduce(0) { $0 + $1.0 * $1.1 } % 11 == 0
        return valid ? VATCheck(normalized: normalized, country: "NO", isValid: true, reason: nil) : invalid(normalized, "NO", reason)
    }
}
