import Foundation
import TresorModel
import TresorStore

/// Email templates and `send-email` (scope `customers.email`). Queueing renders the template
/// with the customer's fields and stores the message sealed under the customer's key, with an
/// access-log entry naming the fields used, in one transaction; the delivery worker sends it.
extension TresorService {
    /// Most customers one bulk send may name (Tamio's limit).
    public static let maximumBulkEmails = 50

    public func createEmailTemplate(_ draft: EmailTemplateDraft, request: RequestInfo) async throws -> EmailTemplate {
        try await perform("email_template.create", scope: .customersEmail, request: request) {
            (try await store.emailTemplates.create(draft, checkedBy: EmailComposer.check), [])
        }
    }

    public func emailTemplates(request: RequestInfo) async throws -> [EmailTemplate] {
        try await perform("email_template.list", scope: .customersEmail, request: request) { (try await store.emailTemplates.templates(), []) }
    }

    public func emailTemplate(id: UUID, request: RequestInfo) async throws -> EmailTemplate {
        try await perform("email_template.view", scope: .customersEmail, request: request) { (try await store.emailTemplates.template(id: id), []) }
    }

    public func deleteEmailTemplate(id: UUID, request: RequestInfo) async throws {
        try await perform("email_template.delete", scope: .customersEmail, request: request) { (try await store.emailTemplates.delete(id: id), []) }
    }

    /// Queues the template for one customer; returns the email's id. Not found when the caller
    /// cannot reach the customer.
    public func sendEmail(templateID: UUID, customerID: UUID, request: RequestInfo) async throws -> String {
        try await perform("customer.email", scope: .customersEmail, request: request, subjects: [customerID]) { record in
            let settings = try emailSettings()
            let template = try await store.emailTemplates.template(id: templateID)
            let customer = try await reachableCustomer(customerID, request)
            let queued = try await queue(template, for: [customer], settings: settings, policy: request.fieldPolicy, recording: record)
            guard let emailID = queued[customerID] else { throw StoreError.notFound(resource: "customer", id: customerID.uuidString.lowercased()) }
            return emailID
        }
    }

    /// Queues the template for each customer the caller may reach (at most 50); the others are
    /// reported as not found. Returns the outcomes and the queued emails' ids by customer.
    public func bulkSendEmail(templateID: UUID, customerIDs: [UUID], request: RequestInfo) async throws -> (outcomes: [BulkItemOutcome], emailIDs: [UUID: String]) {
        try await perform("customer.email", scope: .customersEmail, request: request, subjects: customerIDs) { record in
            try Self.checkCount(customerIDs.count, field: "customers", limit: Self.maximumBulkEmails)
            let settings = try emailSettings()
            let template = try await store.emailTemplates.template(id: templateID)
            let reachable = try await bulkTargets(customerIDs, resource: "customer", request)
            var customers: [Customer] = []
            for id in customerIDs where reachable.contains(id) && !customers.contains(where: { $0.id == id }) {
                if let customer = try? await store.customer(id: id) { customers.append(customer) }
            }
            let queued = try await queue(template, for: customers, settings: settings, policy: request.fieldPolicy, recording: record)
            return (customerIDs.map { BulkItemOutcome(customerID: $0, status: queued[$0] != nil ? .done : .notFound) }, queued)
        }
    }

    private func emailSettings() throws -> EmailSettings {
        guard let email else { throw ServiceError.emailNotConfigured }
        return email
    }

    /// Renders and queues; the access-log entry names the fields the template used. A template
    /// may use only fields the sender's role reads plain (`policy`): an email must not carry what
    /// its sender could not see.
    private func queue(_ template: EmailTemplate, for customers: [Customer], settings: EmailSettings, policy: FieldPolicy,
                       recording record: AccessRecord) async throws -> [UUID: String] {
        let composer = EmailComposer(settings: settings)
        var drafts: [EmailOutbox.Draft] = []
        var fields: Set<String> = []
        let now = clock.date
        for customer in customers {
            let emailID = EmailDraft.newID()
            let composed = try composer.compose(template, for: customer, emailID: emailID, date: now, policy: policy)
            let unseen = composed.fieldsUsed.filter { CustomerField(apiName: $0).map { policy.disclosure(of: $0) != .plain } ?? false }
            guard unseen.isEmpty else {
                throw FieldError(field: "email_template_id", reason: "the template uses \(unseen.sorted().joined(separator: ", ")), which this "
                                 + "key's role may not read in plain (roles.yaml fields); use a template without them")
            }
            fields.formUnion(composed.fieldsUsed)
            drafts.append(EmailOutbox.Draft(id: emailID, customerID: customer.id, template: template, recipient: customer.email,
                                            message: composed.message, fields: composed.fieldsUsed.sorted(), relay: settings.relay))
        }
        var logged = record
        logged.fields = fields.sorted()
        let queued = try await store.emails.enqueue(drafts, recording: logged)
        return Dictionary(uniqueKeysWithValues: drafts.filter { queued.contains($0.customerID) }.map { ($0.customerID, $0.id) })
    }

    /// Emails queued and sent, newest first; the page's customers are named in the access log.
    public func emails(customerID: UUID?, status: Email.Status?, limit: Int, startingAfter: String?, request: RequestInfo) async throws
        -> (emails: [Email], hasMore: Bool) {
        try await perform("email.list", scope: .customersEmail, request: request) {
            if let customerID { _ = try await reachableCustomer(customerID, request) }
            var page = try await store.emails.emails(customerID: customerID, status: status, limit: limit, startingAfter: startingAfter)
            page.emails = try await reachable(page.emails, subject: \.customerID, request)
            return (page, Array(Set(page.emails.map(\.customerID))))
        }
    }
}
