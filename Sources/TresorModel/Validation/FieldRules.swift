/// The checks shared by customers, addresses and teammates. Each returns the normalised value or
/// throws a ``FieldError`` naming `field`.
public enum FieldRules {
    /// Longest text accepted in any free-text field.
    public static let maximumTextLength = 500
    /// Longest email address (RFC 5321 path limit).
    public static let maximumEmailLength = 254

    public static func requiredText(_ value: String?, field: String, maximumLength: Int = maximumTextLength) throws -> String {
        guard let value, !value.trimmingWhitespace.isEmpty else {
            throw FieldError(field: field, reason: "is required and must not be empty")
        }
        return try optionalText(value, field: field, maximumLength: maximumLength)!
    }

    /// An identifier another system gave (a Stripe customer id, a partner's id): text of at most
    /// 255 characters; empty means none.
    public static func externalID(_ value: String?, field: String) throws -> String? {
        try optionalText(value, field: field, maximumLength: 255).flatMap { $0.isEmpty ? nil : $0 }
    }

    public static func optionalText(_ value: String?, field: String, maximumLength: Int = maximumTextLength) throws -> String? {
        guard let value else { return nil }
        guard value.count <= maximumLength else {
            throw FieldError(field: field, reason: "must be at most \(maximumLength) characters")
        }
        guard !value.unicodeScalars.contains(where: { $0.value == 0 }) else {
            throw FieldError(field: field, reason: "must not contain NUL characters")
        }
        return value
    }

    /// A syntactically plausible address: one `@`, a non-empty local part, a domain with a dot,
    /// no white space. Whether it receives mail is not checked.
    public static func email(_ value: String?, field: String, required: Bool) throws -> String? {
        guard let value, !value.trimmingWhitespace.isEmpty else {
            if required { throw FieldError(field: field, reason: "is required and must not be empty") }
            return nil
        }
        let trimmed = value.trimmingWhitespace
        guard trimmed.count <= maximumEmailLength else {
            throw FieldError(field: field, reason: "must be at most \(maximumEmailLength) characters")
        }
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !trimmed.contains(where: { $0.isWhitespace }) else {
            throw FieldError(field: field, reason: "must be an email address like name@example.com")
        }
        return trimmed
    }

    public static func country(_ value: String?, field: String, required: Bool) throws -> CountryCode? {
        guard let value, !value.isEmpty else {
            if required { throw FieldError(field: field, reason: "is required: an ISO 3166-1 alpha-2 country code such as DE") }
            return nil
        }
        guard let country = CountryCode(value) else {
            throw FieldError(field: field, reason: "must be an ISO 3166-1 alpha-2 country code such as DE")
        }
        return country
    }

    public static func locale(_ value: String?, field: String) throws -> String? {
        guard let value, !value.isEmpty else { return nil }
        guard let locale = LanguageCode.normalize(value) else {
            throw FieldError(field: field, reason: "must be an ISO 639-1 language code such as de or de-AT")
        }
        return locale
    }

    /// `+HH:MM` or `-HH:MM` between -12:00 and +14:00.
    public static func timezoneOffset(_ value: String?, field: String) throws -> String? {
        guard let value, !value.isEmpty else { return nil }
        let scalars = Array(value.utf8)
        let reason = "must be an offset from UTC like +02:00, between -12:00 and +14:00"
        guard scalars.count == 6, scalars[0] == UInt8(ascii: "+") || scalars[0] == UInt8(ascii: "-"), scalars[3] == UInt8(ascii: ":"),
              let hours = Int(String(value.dropFirst().prefix(2))), let minutes = Int(String(value.suffix(2))),
              value.dropFirst().prefix(2).allSatisfy(\.isASCIIDigit), value.suffix(2).allSatisfy(\.isASCIIDigit),
              minutes < 60 else {
            throw FieldError(field: field, reason: reason)
        }
        let total = hours * 60 + minutes
        guard scalars[0] == UInt8(ascii: "+") ? total <= 14 * 60 : total <= 12 * 60 else {
            throw FieldError(field: field, reason: reason)
        }
        return value
    }

    /// Stripe's limits: at most 50 keys, keys up to 40 characters without square brackets,
    /// values up to 500 characters.
    public static func metadata(_ value: [String: String]?, field: String) throws -> [String: String] {
        guard let value else { return [:] }
        guard value.count <= 50 else { throw FieldError(field: field, reason: "may hold at most 50 keys") }
        for (key, entry) in value {
            guard !key.isEmpty, key.count <= 40, !key.contains("["), !key.contains("]"), !key.unicodeScalars.contains("\u{0}") else {
                throw FieldError(field: field, reason: "keys must be 1 to 40 characters without square brackets or NUL characters")
            }
            guard entry.count <= 500 else {
                throw FieldError(field: "\(field).\(key)", reason: "must be at most 500 characters")
            }
            guard !entry.unicodeScalars.contains("\u{0}") else {
                throw FieldError(field: "\(field).\(key)", reason: "must not contain NUL characters")
            }
        }
        return value
    }
}

extension String {
    var trimmingWhitespace: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
