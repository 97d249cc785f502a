/// Check-digit algorithms shared by several countries' VAT numbers, over ASCII bytes.
enum VATChecksums {
    static func isDigits(_ bytes: ArraySlice<UInt8>) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    static func isDigits(_ bytes: [UInt8]) -> Bool { isDigits(bytes[...]) }

    static func digits(_ bytes: some Collection<UInt8>) -> [Int] {
        bytes.map { Int($0) - 48 }
    }

    static func number(_ bytes: some Collection<UInt8>) -> Int {
        bytes.reduce(0) { $0 * 10 + Int($1) - 48 }
    }

    /// Weighted digit sum.
    static func weightedSum(_ bytes: some Collection<UInt8>, _ weights: [Int]) -> Int {
        zip(weights, digits(bytes)).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// Python-style modulo, never negative.
    static func modulo(_ value: Int, _ divisor: Int) -> Int {
        ((value % divisor) + divisor) % divisor
    }

    /// The Luhn checksum (0 for a valid number).
    static func luhnChecksum(_ bytes: some Collection<UInt8>) -> Int {
        var sum = 0
        for (index, digit) in digits(bytes).reversed().enumerated() {
            if index % 2 == 0 {
                sum += digit
            } else {
                let doubled = digit * 2
                sum += doubled / 10 + doubled % 10
            }
        }
        return sum % 10
    }

    /// ISO 7064 MOD 11,10 over all digits; a valid number gives 1.
    static func mod11_10(_ bytes: some Collection<UInt8>) -> Int {
        var check = 5
        for digit in digits(bytes) {
            check = ((check == 0 ? 10 : check) * 2 % 11 + digit) % 10
        }
        return check
    }

    /// ISO 7064 MOD 97-10 over letters (A=10 … Z=35) and digits; a valid number gives 1.
    static func mod97_10(_ bytes: some Collection<UInt8>) -> Int? {
        var remainder = 0
        for byte in bytes {
            let value: Int
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = Int(byte) - 48
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = Int(byte) - 55
            default: return nil
            }
            remainder = (remainder * (value >= 10 ? 100 : 10) + value) % 97
        }
        return remainder
    }

    /// True for a real calendar date (proleptic Gregorian).
    static func isDate(year: Int, month: Int, day: Int) -> Bool {
        guard year >= 1, year <= 9999, (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }
}
