internal import COpenSSL
import Foundation

/// SHA-256 (FIPS 180-4).
public enum SHA256 {
    /// The digest length in bytes.
    public static let byteCount = 32

    /// The SHA-256 digest of `data`.
    public static func hash(_ data: some ContiguousBytes) throws -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: byteCount)
        var length: UInt32 = 0
        try data.withUnsafeBytes { input in
            try OpenSSLCall.check(
                EVP_Digest(input.baseAddress, input.count, &digest, &length, EVP_sha256(), nil),
                "EVP_Digest(SHA-256)")
        }
        return digest
    }

    /// Hex of the digest, for display (`sha256sum` style).
    public static func hexDigest(_ data: some ContiguousBytes) throws -> String {
        try hash(data).hexString
    }
}

extension Sequence where Element == UInt8 {
    /// Lower-case hexadecimal.
    public var hexString: String {
        var result = ""
        for byte in self {
            result += String(byte, radix: 16).leftPadded(to: 2)
        }
        return result
    }
}

extension Array where Element == UInt8 {
    /// Decodes hexadecimal (either case); nil for odd length or a non-hex character.
    public init?(hexString: String) {
        let digits = Array(hexString.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = Self.hexValue(digits[index]), let low = Self.hexValue(digits[index + 1]) else {
                return nil
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        self = bytes
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

extension String {
    /// Padded with leading zeros to `width` characters (hex and octal display).
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
