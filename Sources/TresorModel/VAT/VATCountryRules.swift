/// Each country's format and check digits for VAT numbers, over the number without its prefix.
enum VATCountryRules {
    typealias Result = (body: [UInt8], reason: String?)
    typealias C = VATChecksums

    static let badCheck = "the check digits do not match"

    static func check(prefix: String, body: [UInt8]) -> Result {
        switch prefix {
        case "AT": return austria(body)
        case "BE": return belgium(body)
        case "BG": return bulgaria(body)
        case "CY": return cyprus(body)
        case "CZ": return czechia(body)
        case "DE": return digits(body, count: 9, noLeadingZero: true) ?? (body, C.mod11_10(body) == 1 ? nil : badCheck)
        case "DK": return weighted(body, count: 8, weights: [2, 7, 6, 5, 4, 3, 2, 1], modulus: 11, noLeadingZero: true)
        case "EE": return weighted(body, count: 9, weights: [3, 7, 1, 3, 7, 1, 3, 7, 1], modulus: 10)
        case "EL": return greece(body)
        case "ES": return VATSpain.check(body)
        case "FI": return weighted(body, count: 8, weights: [7, 9, 10, 5, 8, 4, 2, 1], modulus: 11)
        case "FR": return france(body)
        case "HR": return digits(body, count: 11) ?? (body, C.mod11_10(body) == 1 ? nil : badCheck)
        case "HU": return weighted(body, count: 8, weights: [9, 7, 3, 1, 9, 7, 3, 1], modulus: 10)
        case "IE": return ireland(body)
        case "IT": return italy(body)
        case "LT": return lithuania(body)
        case "LU": return luxembourg(body)
        case "LV": return VATPersonalCodes.latvia(body)
        case "MT": return weighted(body, count: 8, weights: [3, 4, 6, 7, 8, 9, 10, 1], modulus: 37, noLeadingZero: true)
        case "NL": return netherlands(body)
        case "PL": return weighted(body, count: 10, weights: [6, 5, 7, 2, 3, 4, 5, 6, 7, -1], modulus: 11)
        case "PT": return portugal(body)
        case "RO": return VATPersonalCodes.romania(body)
        case "SE": return sweden(body)
        case "SI": return slovenia(body)
        case "SK": return VATPersonalCodes.slovakia(body)
        case "XI": return northernIreland(body)
        default: return (body, "has no VAT rules for prefix \(prefix)")
        }
    }

    /// nil when `body` is `count` digits (and, if asked, does not start with 0); else the reason.
    static func digits(_ body: [UInt8], count: Int, noLeadingZero: Bool = false) -> Result? {
        guard C.isDigits(body), !(noLeadingZero && body.first == UInt8(ascii: "0")) else {
            return (body, noLeadingZero ? "must be \(count) digits not starting with 0" : "must be \(count) digits")
        }
        guard body.count == count else { return (body, "must be \(count) digits, got \(body.count)") }
        return nil
    }

    /// `count` digits whose weighted sum is divisible by `modulus`.
    static func weighted(_ body: [UInt8], count: Int, weights: [Int], modulus: Int, noLeadingZero: Bool = false) -> Result {
        if let failure = digits(body, count: count, noLeadingZero: noLeadingZero) { return failure }
        return (body, C.modulo(C.weightedSum(body, weights), modulus) == 0 ? nil : badCheck)
    }

    static func austria(_ body: [UInt8]) -> Result {
        guard body.first == UInt8(ascii: "U"), C.isDigits(body.dropFirst()) else { return (body, "must be U followed by 8 digits") }
        guard body.count == 9 else { return (body, "must be U followed by 8 digits, got \(body.count - 1)") }
        let check = C.modulo(6 - C.luhnChecksum(body[1..<8]), 10)
        return (body, check == Int(body[8]) - 48 ? nil : badCheck)
    }

    static func belgium(_ input: [UInt8]) -> Result {
        var body = input
        if body.starts(with: Array("(0)".utf8)) { body = [UInt8(ascii: "0")] + body.dropFirst(3) }
        if body.count == 9 { body = [UInt8(ascii: "0")] + body }
        guard C.isDigits(body), C.number(body) > 0 else { return (body, "must be 10 digits") }
        guard body.count == 10 else { return (body, "must be 10 digits, got \(body.count)") }
        guard body[0] == UInt8(ascii: "0") || body[0] == UInt8(ascii: "1") else { return (body, "must start with 0 or 1") }
        return (body, (C.number(body[0..<8]) + C.number(body[8...])) % 97 == 0 ? nil : badCheck)
    }

    static func bulgaria(_ body: [UInt8]) -> Result {
        guard C.isDigits(body) else { return (body, "must be 9 or 10 digits") }
        let d = C.digits(body)
        switch body.count {
        case 9:
            var check = d[0..<8].enumerated().reduce(0) { $0 + ($1.offset + 1) * $1.element } % 11
            if check == 10 { check = d[0..<8].enumerated().reduce(0) { $0 + ($1.offset + 3) * $1.element } % 11 }
            return (body, check % 10 == d[8] ? nil : badCheck)
        case 10:
            let valid = VATPersonalCodes.isBulgarianPersonalNumber(body)
                || C.weightedSum(body, [21, 19, 17, 13, 11, 9, 7, 3, 1]) % 10 == d[9]
                || C.modulo(11 - C.weightedSum(body, [4, 3, 2, 7, 6, 5, 4, 3, 2]), 11) == d[9]
            return (body, valid ? nil : badCheck)
        default:
            return (body, "must be 9 or 10 digits, got \(body.count)")
        }
    }

    static func cyprus(_ body: [UInt8]) -> Result {
        guard C.isDigits(body.dropLast()) else { return (body, "must be 8 digits followed by a letter") }
        guard body.count == 9 else { return (body, "must be 8 digits followed by a letter, got \(body.count) characters") }
        guard !body.starts(with: Array("12".utf8)) else { return (body, "must not start with 12") }
        let translation = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21]
        let d = C.digits(body[0..<8])
        var sum = 0
        for (index, digit) in d.enumerated() { sum += index % 2 == 0 ? translation[digit] : digit }
        return (body, Int(body[8]) == 65 + sum % 26 ? nil : badCheck)
    }

    static func czechia(_ body: [UInt8]) -> Result {
        guard C.isDigits(body) else { return (body, "must be 8, 9 or 10 digits") }
        let d = C.digits(body)
        switch body.count {
        case 8:
            guard d[0] != 9 else { return (body, "an 8-digit number must not start with 9") }
            let sum = d[0..<7].enumerated().reduce(0) { $0 + (8 - $1.offset) * $1.element }
            let check = C.modulo(11 - sum, 11)
            return (body, (check == 0 ? 1 : check) % 10 == d[7] ? nil : badCheck)
        case 9 where d[0] == 6:
            let sum = d[1..<8].enumerated().reduce(0) { $0 + (8 - $1.offset) * $1.element } % 11
            return (body, C.modulo(8 - C.modulo(10 - sum, 11), 10) == d[8] ? nil : badCheck)
        case 9, 10:
            return (body, VATPersonalCodes.czechSlovakBirthNumberProblem(body))
        default:
            return (body, "must be 8, 9 or 10 digits, got \(body.count)")
        }
    }

    static func greece(_ input: [UInt8]) -> Result {
        let body = input.count == 8 ? [UInt8(ascii: "0")] + input : input
        if let failure = digits(body, count: 9) { return failure }
        let checksum = C.digits(body[0..<8]).reduce(0) { $0 * 2 + $1 }
        return (body, checksum * 2 % 11 % 10 == Int(body[8]) - 48 ? nil : badCheck)
    }

    static func france(_ body: [UInt8]) -> Result {
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ".utf8)
        guard body.count >= 2, alphabet.contains(body[0]), alphabet.contains(body[1]) else {
            return (body, "must start with a two-character key (digits or letters other than I and O)")
        }
        guard C.isDigits(body[2...]) else { return (body, "must have 9 digits after the key") }
        guard body.count == 11 else { return (body, "must be a 2-character key and 9 digits") }
        if body[2..<5] != [48, 48, 48][...] {
            guard C.luhnChecksum(body[2...]) == 0 else { return (body, "the SIREN part fails its check digit") }
        }
        let siren = C.number(body[2...])
        if C.isDigits(body[0..<2]) {
            return (body, C.number(body[0..<2]) == (siren * 100 + 12) % 97 ? nil : badCheck)
        }
        let first = alphabet.firstIndex(of: body[0])!, second = alphabet.firstIndex(of: body[1])!
        let check = C.isDigits(body[0..<1]) ? first * 24 + second - 10 : first * 34 + second - 100
        return (body, C.modulo(siren + 1 + check / 11, 11) == C.modulo(check, 11) ? nil : badCheck)
    }

    static func ireland(_ body: [UInt8]) -> Result {
        let alphabet = Array("WABCDEFGHIJKLMNOPQRSTUV".utf8)
        guard C.isDigits(body.prefix(1)), C.isDigits(body.dropFirst(2).prefix(5)), body.dropFirst(7).allSatisfy(alphabet.contains) else {
            return (body, "must be 7 digits and 1 or 2 letters, or the older digit-letter-5 digits-letter form")
        }
        guard body.count == 8 || body.count == 9 else { return (body, "must be 8 or 9 characters, got \(body.count)") }
        func checkLetter(_ input: [UInt8]) -> UInt8 {
            let padded = [UInt8](repeating: 48, count: max(0, 7 - input.count)) + input
            var sum = C.weightedSum(padded.prefix(7), [8, 7, 6, 5, 4, 3, 2])
            if padded.count > 7 { sum += 9 * alphabet.firstIndex(of: padded[7])! }
            return alphabet[sum % 23]
        }
        if C.isDigits(body.prefix(7)) {
            return (body, body[7] == checkLetter(Array(body.prefix(7)) + body.dropFirst(8)) ? nil : badCheck)
        }
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ+*".utf8)
        guard letters.contains(body[1]) else { return (body, "the second character must be a digit, a letter, + or *") }
        return (body, body[7] == checkLetter(Array(body[2..<7]) + [body[0]]) ? nil : badCheck)
    }

    static func italy(_ body: [UInt8]) -> Result {
        guard C.isDigits(body), C.number(body.prefix(7)) != 0 else { return (body, "must be 11 digits, not starting with 0000000") }
        guard body.count == 11 else { return (body, "must be 11 digits, got \(body.count)") }
        let office = C.number(body[7..<10])
        guard (1...100).contains(office) || [120, 121, 888, 999].contains(office) else {
            return (body, "digits 8 to 10 must name a province office (001-100, 120, 121, 888 or 999)")
        }
        return (body, C.luhnChecksum(body) == 0 ? nil : badCheck)
    }

    static func lithuania(_ body: [UInt8]) -> Result {
        guard C.isDigits(body) else { return (body, "must be 9 or 12 digits") }
        switch body.count {
        case 9: guard body[7] == UInt8(ascii: "1") else { return (body, "the 8th digit must be 1") }
        case 12: guard body[10] == UInt8(ascii: "1") else { return (body, "the 11th digit must be 1") }
        default: return (body, "must be 9 or 12 digits, got \(body.count)")
        }
        let d = C.digits(body.dropLast())
        var check = d.enumerated().reduce(0) { $0 + (1 + $1.offset % 9) * $1.element } % 11
        if check == 10 { check = d.enumerated().reduce(0) { $0 + (1 + ($1.offset + 2) % 9) * $1.element } }
        return (body, check % 11 % 10 == Int(body.last!) - 48 ? nil : badCheck)
    }

    static func luxembourg(_ body: [UInt8]) -> Result {
        if let failure = digits(body, count: 8) { return failure }
        return (body, C.number(body.prefix(6)) % 89 == C.number(body.suffix(2)) ? nil : badCheck)
    }

    static func netherlands(_ input: [UInt8]) -> Result {
        var body = input
        if body.count >= 3 {
            let head = Array(body.dropLast(3))
            body = [UInt8](repeating: 48, count: max(0, 9 - head.count)) + head + body.suffix(3)
        }
        guard C.isDigits(body.prefix(9)), C.number(body.prefix(9)) > 0, C.isDigits(body.dropFirst(10)), C.number(body.dropFirst(10)) > 0 else {
            return (body, "must be 9 digits, B and 2 digits")
        }
        guard body.count == 12 else { return (body, "must be 9 digits, B and 2 digits, got \(body.count) characters") }
        guard body[9] == UInt8(ascii: "B") else { return (body, "the 10th character must be B") }
        let d = C.digits(body.prefix(9))
        let bsnValid = C.modulo(d[0..<8].enumerated().reduce(0) { $0 + (9 - $1.offset) * $1.element } - d[8], 11) == 0
        return (body, bsnValid || C.mod97_10(Array("NL".utf8) + body) == 1 ? nil : badCheck)
    }

    static func portugal(_ body: [UInt8]) -> Result {
        if let failure = digits(body, count: 9, noLeadingZero: true) { return failure }
        let sum = C.digits(body.prefix(8)).enumerated().reduce(0) { $0 + (9 - $1.offset) * $1.element }
        return (body, C.modulo(11 - sum, 11) % 10 == Int(body[8]) - 48 ? nil : badCheck)
    }

    static func sweden(_ body: [UInt8]) -> Result {
        guard C.isDigits(body), body.suffix(2) == [48, 49][...] else { return (body, "must be 10 digits followed by 01") }
        guard body.count == 12 else { return (body, "must be 12 digits, got \(body.count)") }
        return (body, C.luhnChecksum(body.prefix(10)) == 0 ? nil : badCheck)
    }

    static func slovenia(_ body: [UInt8]) -> Result {
        if let failure = digits(body, count: 8, noLeadingZero: true) { return failure }
        let sum = C.digits(body.prefix(7)).enumerated().reduce(0) { $0 + (8 - $1.offset) * $1.element }
        let check = 11 - sum % 11
        return (body, (check == 10 ? 0 : check) == Int(body[7]) - 48 ? nil : badCheck)
    }

    static func northernIreland(_ body: [UInt8]) -> Result {
        let government = Array("GD".utf8), health = Array("HA".utf8)
        func isGovernment(_ number: Int) -> Bool { body.starts(with: government) && number < 500 }
        func isHealth(_ number: Int) -> Bool { body.starts(with: health) && number >= 500 }
        switch body.count {
        case 5:
            guard C.isDigits(body.dropFirst(2)) else { return (body, "GD or HA must be followed by 3 digits") }
            let number = C.number(body.dropFirst(2))
            return (body, isGovernment(number) || isHealth(number) ? nil : "GD needs a number below 500, HA one from 500")
        case 11 where body.starts(with: Array("GD8888".utf8)) || body.starts(with: Array("HA8888".utf8)):
            guard C.isDigits(body.dropFirst(6)) else { return (body, "GD8888 or HA8888 must be followed by 5 digits") }
            let number = C.number(body[6..<9])
            guard isGovernment(number) || isHealth(number) else { return (body, "GD needs a number below 500, HA one from 500") }
            return (body, number % 97 == C.number(body[9..<11]) ? nil : badCheck)
        case 9, 12:
            guard C.isDigits(body) else { return (body, "must be 9 or 12 digits") }
            let sum = C.weightedSum(body.prefix(9), [8, 7, 6, 5, 4, 3, 2, 10, 1]) % 97
            let valid = C.number(body.prefix(3)) >= 100 ? [0, 42, 55].contains(sum) : sum == 0
            return (body, valid ? nil : badCheck)
        default:
            return (body, "must be 9 or 12 digits, or GD/HA followed by 3 digits")
        }
    }
}
