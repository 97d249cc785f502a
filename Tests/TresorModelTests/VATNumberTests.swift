import Testing
import TresorModel

@Suite("EU VAT numbers")
struct VATNumberTests {
    /// One published, valid number per prefix (from the member states' examples as collected by
    /// python-stdnum's documentation), and the same number with its last character changed.
    static let validNumbers = [
        "ATU57194903", "BE0697449992", "BG175074752", "CY10259033P", "CZ25123891", "DE136695976",
        "DK13585628", "EE100931558", "EL094259216", "ESB58378431", "ESX2482300W", "FI20774740",
        "FR61954506077", "FR40303265045", "HR33392005961", "HU12892312", "IE6433435F", "IE8Z49289F",
        "IT00743110157", "LT119511515", "LU15027442", "LV40003521600", "MT11679112", "NL004495445B01",
        "PL8567346215", "PT501964843", "RO18547290", "SE123456789701", "SI50223054", "SK2022749619",
        "XI980780684", "XIGD123",
    ]

    @Test("every country has a valid example, and changing its last character makes it invalid", arguments: validNumbers)
    func validAndNearMiss(number: String) {
        let check = VATNumber.check(number)
        #expect(check.isValid, "\(number): \(check.reason ?? "")")
        #expect(check.normalized == number)
        #expect(check.reason == nil)

        let missed = VATNumber.check(Self.nearMiss(of: number))
        #expect(!missed.isValid, "\(Self.nearMiss(of: number)) should be invalid")
        #expect(missed.reason != nil)
    }

    /// The number with its check character changed. Dutch numbers end in a branch number
    /// (not a check digit), so their BSN check digit changes instead; government numbers
    /// (`GD`) have none, so the range rule is broken instead.
    static func nearMiss(of number: String) -> String {
        if number == "XIGD123" { return "XIGD523" }
        var characters = Array(number)
        let index = number.hasPrefix("NL") ? 10 : characters.count - 1
        let character = characters[index]
        characters[index] = character.isNumber ? Character(String((Int(String(character))! + 1) % 10)) : (character == "Z" ? "A" : "Z")
        return String(characters)
    }

    @Test("every member state prefix and XI is covered")
    func coverage() {
        let covered = Set(Self.validNumbers.map { String($0.prefix(2)) })
        #expect(covered == VATNumber.prefixes)
        #expect(VATNumber.prefixes.count == 28)
    }

    @Test("normalisation: separators, case, and a prefix implied by the address country")
    func normalisation() {
        #expect(VATNumber.check("de 136.695.976").normalized == "DE136695976")
        #expect(VATNumber.check("atu-5719-4903").isValid)
        #expect(VATNumber.check("136695976", impliedCountry: CountryCode("DE")).normalized == "DE136695976")
        #expect(VATNumber.check("094259216", impliedCountry: CountryCode("GR")).normalized == "EL094259216")
        #expect(VATNumber.check("BE 697.449.992").normalized == "BE0697449992")
    }

    @Test("reasons name what is wrong")
    func reasons() {
        #expect(VATNumber.check("DE12345678").reason == "must be 9 digits, got 8")
        #expect(VATNumber.check("DE136695977").reason == "the check digits do not match")
        #expect(VATNumber.check("US123456789").reason == "does not start with an EU VAT prefix such as DE, FR or EL")
        #expect(VATNumber.check("123", impliedCountry: CountryCode("US")).reason == "has no prefix, and US is not an EU member state")
        #expect(VATNumber.check("ATX1234567").reason == "must be U followed by 8 digits")
        #expect(VATNumber.check("DE1366959é6").isValid == false)
    }
}
