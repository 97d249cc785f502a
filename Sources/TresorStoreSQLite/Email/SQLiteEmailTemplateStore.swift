import Foundation
import GRDB
import TresorModel
import TresorStore

/// Email templates. A deleted template disappears from the API but its row stays, so the
/// emails sent with it still name it.
public struct SQLiteEmailTemplateStore: EmailTemplateStore {
    let database: SQLiteDatabase
    let clock: @Sendable () -> Int64

    /// Validates `draft`, lets `check` refuse it (e.g. a placeholder that does not parse), stores it.
    public func create(_ draft: EmailTemplateDraft, checkedBy check: (EmailTemplate) throws -> Void) async throws -> EmailTemplate {
        let template = try draft.validated(id: UUID(), now: clock())
        try check(template)
        try await database.write { db in
            try db.execute(sql: """
                INSERT INTO email_templates (id, name, subject, text_body, html_body, created_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [template.id.lowercasedString, template.name, template.subject, template.textBody, template.htmlBody, template.createdAt])
        }
        return template
    }

    public func template(id: UUID) async throws -> EmailTemplate {
        let template = try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM email_templates WHERE id = ? AND deleted_at IS NULL", arguments: [id.lowercasedString])
                .map(Self.template(from:))
        }
        guard let template else { throw StoreError.notFound(resource: "email template", id: id.lowercasedString) }
        return template
    }

    public func templates() async throws -> [EmailTemplate] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM email_templates WHERE deleted_at IS NULL ORDER BY created_at, id").map(Self.template(from:))
        }
    }

    /// Hides the template; emails already queued with it still go out.
    public func delete(id: UUID) async throws {
        let now = clock()
        let deleted = try await database.write { db -> Bool in
            try db.execute(sql: "UPDATE email_templates SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL", arguments: [now, id.lowercasedString])
            return db.changesCount > 0
        }
        guard deleted else { throw StoreError.notFound(resource: "email template", id: id.lowercasedString) }
    }

    static func template(from row: Row) throws -> EmailTemplate {
        let stored = StoredRow(row, table: "email_templates")
        return EmailTemplate(id: try stored.uuid("id"), name: try stored.value("name"), subject: try stored.value("subject"),
                             textBody: try stored.value("text_body"), htmlBody: try stored.optional("html_body"), createdAt: try stored.value("created_at"))
    }
}
