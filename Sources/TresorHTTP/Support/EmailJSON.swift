import Foundation
import TresorModel

/// Email templates and email records in the API's JSON shapes.
enum EmailJSON {
    static let templateFields: Set<String> = ["name", "subject", "text_body", "html_body"]

    static func template(_ template: EmailTemplate) -> [String: Any] {
        [
            "id": template.id.uuidString.lowercased(), "object": "email_template", "name": template.name, "subject": template.subject,
            "text_body": template.textBody, "html_body": template.htmlBody ?? NSNull(), "created_at": template.createdAt,
        ]
    }

    static func email(_ email: Email) -> [String: Any] {
        [
            "id": email.id, "object": "email", "customer_id": email.customerID.uuidString.lowercased(),
            "email_template_id": email.templateID.uuidString.lowercased(), "template_name": email.templateName,
            "status": email.status.rawValue, "attempts": email.attempts, "relay": email.relay, "created_at": email.createdAt,
            "next_attempt_at": email.nextAttemptAt ?? NSNull(), "sent_at": email.sentAt ?? NSNull(), "last_error": email.lastError ?? NSNull(),
        ]
    }
}
