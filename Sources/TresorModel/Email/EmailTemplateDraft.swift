import Foundation

/// A template as submitted; ``validated(id:now:)`` checks every field and names the first bad one.
public struct EmailTemplateDraft: Sendable {
    public var name: String?
    public var subject: String?
    public var textBody: String?
    public var htmlBody: String?

    public init(name: String?, subject: String?, textBody: String?, htmlBody: String?) {
        self.name = name
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
    }

    /// Longest subject template: one header line (RFC 5322 §2.1.1).
    public static let maximumSubjectLength = 998
    /// Longest body template, in characters.
    public static let maximumBodyLength = 100_000

    public func validated(id: UUID, now: Int64) throws -> EmailTemplate {
        let name = try Self.required(name, "name", maximum: 200)
        let subject = try Self.required(subject, "subject", maximum: Self.maximumSubjectLength)
        guard !subject.contains(where: \.isNewline) else { throw FieldError(field: "subject", reason: "must be a single line") }
        let text = try Self.required(textBody, "text_body", maximum: Self.maximumBodyLength)
        var html: String?
        if let htmlBody {
            html = try Self.required(htmlBody, "html_body", maximum: Self.maximumBodyLength)
        }
        return EmailTemplate(id: id, name: name, subject: subject, textBody: text, htmlBody: html, createdAt: now)
    }

    private static func required(_ value: String?, _ field: String, maximum: Int) throws -> String {
        guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw FieldError(field: field, reason: "is required") }
        guard value.count <= maximum else { throw FieldError(field: field, reason: "must be at most \(maximum) characters") }
        guard !value.unicodeScalars.contains(where: { $0 == "\u{0}" }) else { throw FieldError(field: field, reason: "must not contain NUL characters") }
        return value
    }
}
