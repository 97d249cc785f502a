/// VAT numbers that may be personal identification numbers with a birth date inside:
/// Bulgarian EGN, Czech and Slovak birth numbers, Latvian personal codes, Romanian CNP.
enum VATPersonalCodes {
    typealias C = VATChecksums

    /// A Bulgarian EGN: a valid birth date (month +20 for 1800s, +40 for 2000s) and check digit.
    static func isBulgarianPersonalNumber(_ body: [UInt8]) -> Bool {
        guard body.count == 10, C.isDigits(body) else { return false }
        var year = C.number(body[0..<2]) + 1900
        var month = C.number(body[2..<4])
        let day = C.number(body[4..<6])
        if month > 40 { year += 100; month -= 40 } else if month > 20 { year -= 100; month -= 20 }
        guard C.isDate(year: year, month: month, day: day) else { return false }
        return C.weightedSum(body, [2, 4, 8, 5, 10, 9, 7, 3, 6]) % 11 % 10 == Int(body[9]) - 48
    }

    /// nil when `body` is a valid Czech or Slovak birth number (9 digits before 1954, else 10
    /// digits divisible by 11 in the last place), else the reason.
    static func czechSlovakBirthNumberProblem(_ body: [UInt8]) -> String? {
        guard C.isDigits(body), body.count == 9 || body.count == 10 else { return "must be 9 or 10 digits" }
        var year = 1900 + C.number(body[0..<2])
        let month = C.number(body[2..<4]) % 50 % 20
        let day = C.number(body[4..<6])
        if body.count == 9 {
            if year >= 1980 { year -= 100 }
            if year > 1953 { return "a 9-digit birth number must date from before 1954" }
        } else if year < 1954 {
            year += 100
        }
        guard C.isDate(year: year, month: month, day: day) else { return "does not hold a valid birth date" }
        if body.count == 10 {
            guard C.number(body.prefix(9)) % 11 % 10 == Int(body[9]) - 48 else { return VATCountryRules.badCheck }
        }
        return nil
    }

    static func slovakia(_ body: [UInt8]) -> VATCountryRules.Result {
        if let failure = VATCountryRules.digits(body, count: 10) { return failure }
        if czechSlovakBirthNumberProblem(body) == nil { return (body, nil) }
        guard body[0] != UInt8(ascii: "0"), [2, 3, 4, 7, 8, 9].contains(Int(body[2]) - 48) else {
            return (body, "must not start with 0, and its third digit must be 2, 3, 4, 7, 8 or 9")
        }
        return (body, C.number(body) % 11 == 0 ? nil : VATCountryRules.badCheck)
    }

    static func latvia(_ body: [UInt8]) -> VATCountryRules.Result {
        if let failure = VATCountryRules.digits(body, count: 11) { return failure }
        func personalCheckDigit() -> Int {
            (1 + C.weightedSum(body.prefix(10), [10, 5, 8, 4, 2, 1, 6, 3, 7, 9])) % 11 % 10
        }
        if body[0] > UInt8(ascii: "3") {
            return (body, C.weightedSum(body, [9, 1, 4, 8, 3, 10, 2, 5, 7, 6, 1]) % 11 == 3 ? nil : VATCountryRules.badCheck)
        }
        if !body.starts(with: Array("32".utf8)) {
            let year = C.number(body[4..<6]) + 1800 + (Int(body[6]) - 48) * 100
            guard C.isDate(year: year, month: C.number(body[2..<4]), day: C.number(body[0..<2])) else {
                return (body, "a personal code must start with a valid birth date")
            }
        }
        return (body, personalCheckDigit() == Int(body[10]) - 48 ? nil : VATCountryRules.badCheck)
    }

    static let romanianCounties: Set<Int> = Set(1...48).union([51, 52, 70, 80, 81, 82, 83])

    static func romania(_ body: [UInt8]) -> VATCountryRules.Result {
        if body.count == 13 {
            guard C.isDigits(body) else { return (body, "a CNP must be 13 digits") }
            guard body[0] != UInt8(ascii: "0") else { return (body, "a CNP must not start with 0") }
            let centuries: [UInt8: Int] = [49: 1900, 50: 1900, 51: 1800, 52: 1800, 53: 2000, 54: 2000]
            let year = C.number(body[1..<3]) + (centuries[body[0]] ?? 1900)
            guard C.isDate(year: year, month: C.number(body[3..<5]), day: C.number(body[5..<7])) else {
                return (body, "a CNP must hold a valid birth date")
            }
            guard romanianCounties.contains(C.number(body[7..<9])) else { return (body, "a CNP must name a valid county") }
            let check = C.weightedSum(body.prefix(12), [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9]) % 11
            return (body, (check == 10 ? 1 : check) == Int(body[12]) - 48 ? nil : VATCountryRules.badCheck)
        }
        guard C.isDigits(body), body[0] != UInt8(ascii: "0") else { return (body, "must be 2 to 10 digits not starting with 0") }
        guard (2...10).contains(body.count) else { return (body, "must be 2 to 10 digits, got \(body.count)") }
        let padded = [UInt8](repeating: 48, count: 10 - body.count) + body.dropLast()
        let check = 10 * C.weightedSum(padded, [7, 5, 3, 2, 1, 7, 5, 3, 2]) % 11 % 10
        return (body, check == Int(body.last!) - 48 ? nil : VATCountryRules.badCheck)
    }
}
