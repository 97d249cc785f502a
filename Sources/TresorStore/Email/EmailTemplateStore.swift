import Foundation
import TresorModel

/// Email templates. A deleted template disappears from the API, but a store keeps it so the
/// emails sent with it still name it.
public protocol EmailTemplateStore: Sendable {
    /// Validates `draft`, lets `check` refuse it (e.g. a placeholder that does not parse), stores it.
    func create(_ draft: EmailTemplateDraft, checkedBy check: (EmailTemplate) throws -> Void) async throws -> EmailTemplate
    func template(id: UUID) async throws -> EmailTemplate
    /// The templates not deleted, oldest first.
    func templates() async throws -> [EmailTemplate]
    func delete(id: UUID) async throws
}

extension EmailTemplateStore {
    /// Validates and stores `draft`.
    public func create(_ draft: EmailTemplateDraft) async throws -> EmailTemplate {
        try await create(draft, checkedBy: { _ in })
    }
}
