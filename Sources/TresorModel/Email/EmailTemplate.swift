import Foundation

/// A reusable email: subject, text body and optional HTML body with Mustache placeholders
/// (`{{name}}`, `{{#billing_addresses}}…{{/billing_addresses}}`) filled from the customer's fields
/// when an email is queued. Templates are written by the business and hold no personal data.
public struct EmailTemplate: Sendable, Equatable {
    public var id: UUID
    public var name: String
    public var subject: String
    public var textBody: String
    public var htmlBody: String?
    /// Unix seconds.
    public var createdAt: Int64

    public init(id: UUID, name: String, subject: String, textBody: String, htmlBody: String?, createdAt: Int64) {
        self.id = id
        self.name = name
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.createdAt = createdAt
    }
}
