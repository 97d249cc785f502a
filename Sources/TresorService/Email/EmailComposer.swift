import Foundation
import Mustache
import TresorMail
import TresorModel

/// Renders a template for one customer into a MIME message. The subject and text body are
/// rendered as text, the HTML body with HTML escaping of every `{{value}}`.
struct EmailComposer {
    let settings: EmailSettings

    /// A rendered email and the customer fields it used.
    struct Composed {
        var message: [UInt8]
        var fieldsUsed: Set<String>
    }

    /// Checks that each part of the template parses; throws a ``FieldError`` naming the part and
    /// the line and column of the mistake.
    static func check(_ template: EmailTemplate) throws {
        _ = try parse(template.subject, field: "subject", html: false)
        _ = try parse(template.textBody, field: "text_body", html: false)
        if let html = template.htmlBody { _ = try parse(html, field: "html_body", html: true) }
    }

    /// Renders `template` for `customer` with the values `policy` shows (the sender's); the
    /// recipient is the customer's address as stored.
    func compose(_ template: EmailTemplate, for customer: Customer, emailID: String, date: Date, policy: FieldPolicy = .plain) throws -> Composed {
        let values = TemplateValues(customer, policy: policy)
        let subject = try Self.parse(template.subject, field: "subject", html: false).render(values)
        let text = try Self.parse(template.textBody, field: "text_body", html: false).render(values)
        let html = try template.htmlBody.map { try Self.parse($0, field: "html_body", html: true).render(values) }
        let recipientName = [customer.name, customer.lastName].compactMap { $0 }.joined(separator: " ")
        let mime = MIMEMessage(from: settings.sender, to: MailAddress(name: recipientName, address: customer.email), subject: subject,
                               textBody: text, htmlBody: html, date: date, messageID: "\(emailID)@\(settings.sender.domain)")
        return Composed(message: mime.rendered(), fieldsUsed: values.fieldsRead.union(["email"]))
    }

    private static func parse(_ text: String, field: String, html: Bool) throws -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: html ? text : "{{% CONTENT_TYPE: TEXT}}" + text)
        } catch let error as MustacheTemplate.ParserError {
            throw FieldError(field: field, reason: "is not a valid template (line \(error.context.lineNumber), column \(error.context.columnNumber): \(error.error))")
        } catch {
            throw FieldError(field: field, reason: "is not a valid template")
        }
    }
}
