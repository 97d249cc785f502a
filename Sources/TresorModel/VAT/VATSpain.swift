/// Spanish NIF for VAT: DNI (8 digits and a letter), NIE (X, Y or Z, 7 digits and a letter),
/// CIF (a letter, 7 digits and a check digit or letter) and the K/L/M personal forms.
enum VATSpain {
    typealias C = VATChecksums
    static let dniLetters = Array("TRWAGMYFPDXBNJZSQVHLCKE".utf8)

    static func check(_ body: [UInt8]) -> VATCountryRules.Result {
        guard body.count >= 2, C.isDigits(body.dropFirst().dropLast()) else {
            return (body, "must be a letter or digit, 7 digits and a check character")
        }
        guard body.count == 9 else { return (body, "must be 9 characters, got \(body.count)") }
        let first = body[0], last = body[8]
        if "KLM".utf8.contains(first) {
            return (body, last == dniLetters[C.number(body[1..<8]) % 23] ? nil : VATCountryRules.badCheck)
        }
        if C.isDigits(body.prefix(1)) {
            return (body, last == dniLetters[C.number(body[0..<8]) % 23] ? nil : VATCountryRules.badCheck)
        }
        if let prefixDigit = Array("XYZ".utf8).firstIndex(of: first) {
            return (body, last == dniLetters[(prefixDigit * 10_000_000 + C.number(body[1..<8])) % 23] ? nil : VATCountryRules.badCheck)
        }
        guard "ABCDEFGHJNPQRSUVW".utf8.contains(first) else {
            return (body, "must start with a digit or one of the letters A-H, J, K-N, P-S, U-W, X-Z")
        }
        let check = C.modulo(10 - C.luhnChecksum(Array(body[1..<8]) + [48]), 10)
        let letter = Array("JABCDEFGHI".utf8)[check]
        return (body, last == UInt8(48 + check) || last == letter ? nil : VATCountryRules.badCheck)
    }
}
