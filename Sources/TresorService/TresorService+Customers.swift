import Foundation
import TresorModel
import TresorStore

extension TresorService {
    public func createCustomer(_ draft: CustomerDraft, request: RequestInfo) async throws -> Customer {
        var draft = draft
        draft.source = .api
        let created = try await perform("customer.create", scope: .customersCreate, request: request, fields: CustomerFields.all) { record in
            try await hidingEmailConflicts(request) { try await store.createCustomer(draft, recording: record) }
        }
        return request.fieldPolicy.apply(to: created)
    }

    public func retrieveCustomer(id: UUID, request: RequestInfo) async throws -> Customer {
        try await perform("customer.view", scope: .customersView, request: request, fields: CustomerFields.all, subjects: [id]) {
            (request.fieldPolicy.apply(to: try await reachableCustomer(id, request)), [id])
        }
    }

    /// Applies `patch`; returns the customer and the names of the fields that changed.
    public func updateCustomer(id: UUID, patch: CustomerPatch, request: RequestInfo) async throws -> (customer: Customer, changedFields: [String]) {
        let updated = try await perform("customer.update", scope: .customersEdit, request: request, fields: patch.fieldNames, subjects: [id]) { record in
            _ = try await reachableCustomer(id, request)
            return try await hidingEmailConflicts(request) { try await store.updateCustomer(id: id, with: patch, recording: record) }
        }
        return (request.fieldPolicy.apply(to: updated.customer), updated.changedFields)
    }

    public func deleteCustomer(id: UUID, request: RequestInfo) async throws {
        try await perform("customer.delete", scope: .customersRemove, request: request, fields: CustomerFields.all, subjects: [id]) { record in
            _ = try await reachableCustomer(id, request)
            try await store.deleteCustomer(id: id, recording: record)
        }
    }

    public func listCustomers(_ query: CustomerQuery, request: RequestInfo) async throws -> CustomerPage {
        try await perform("customer.list", scope: .customersView, request: request, fields: CustomerFields.all) {
            let page = try await store.listCustomers(narrowed(query, request))
            return (request.fieldPolicy.apply(to: page), page.customers.map(\.id))
        }
    }

    /// Creates up to 500 customers in one transaction; failures are reported per item.
    /// `notifying` false queues no `customer-created` events (a migration), and the access-log
    /// entry says so with the field `webhooks:none`.
    public func bulkCreateCustomers(_ drafts: [CustomerDraft], request: RequestInfo, notifying: Bool = true,
                                    source: CustomerSource = .api) async throws -> [BulkCreateOutcome] {
        let drafts = drafts.map { draft in
            var draft = draft
            draft.source = source
            return draft
        }
        let fields = notifying ? CustomerFields.all : CustomerFields.all + ["webhooks:none"]
        return try await perform("customer.create", scope: .customersCreate, request: request, fields: fields) { record in
            try Self.checkCount(drafts.count, field: "customers", limit: Self.maximumBulkCreate)
            return try await store.createCustomers(drafts, recording: record, notifying: notifying).map { outcome in
                guard case let .failed(error) = outcome else { return outcome }
                return .failed(Self.shown(error, to: request))
            }
        }
    }

    /// Updates the customer whose email is `email` with `patch` (an import's `--existing
    /// update`); nil when there is none.
    public func updateCustomer(matchingEmail email: String, patch: CustomerPatch, request: RequestInfo) async throws -> Customer? {
        guard let existing = try await store.customer(email: email) else { return nil }
        return try await updateCustomer(id: existing.id, patch: patch, request: request).customer
    }

    // MARK: Email conflicts

    /// What a narrowed caller is told when an address belongs to another customer: the answer of
    /// any other refused field, naming no conflict, so that it cannot learn which addresses exist
    /// outside its reach (Docs/security.md).
    static let emailNotUsable = StoreError.invalidField(FieldError(field: "email", reason: "cannot be used: choose another address"))

    /// `error` as the caller may see it: an email conflict becomes ``emailNotUsable`` for a narrowed caller.
    static func shown(_ error: StoreError, to request: RequestInfo) -> StoreError {
        guard request.principal.isNarrowed else { return error }
        switch error {
        case .emailAlreadyExists, .emailAlreadyUsed: return emailNotUsable
        default: return error
        }
    }

    func hidingEmailConflicts<Value>(_ request: RequestInfo, _ body: () async throws -> Value) async throws -> Value {
        do {
            return try await body()
        } catch let error as StoreError {
            throw Self.shown(error, to: request)
        }
    }

    /// Deletes the customers the caller may reach; the others are reported as not found.
    public func bulkDeleteCustomers(ids: [UUID], request: RequestInfo) async throws -> [BulkItemOutcome] {
        try await perform("customer.delete", scope: .customersRemove, request: request, fields: CustomerFields.all, subjects: ids) { record in
            try Self.checkCount(ids.count, field: "customers", limit: Self.maximumBulkIDs)
            let reachable = try await bulkTargets(ids, resource: "customer", request)
            let outcomes = try await store.deleteCustomers(ids: ids.filter(reachable.contains), recording: record)
            return Self.merge(ids, reachable: reachable, outcomes: outcomes)
        }
    }

    /// Outcomes for every requested id, in order: unreachable ones are `not_found`.
    static func merge(_ ids: [UUID], reachable: Set<UUID>, outcomes: [BulkItemOutcome]) -> [BulkItemOutcome] {
        var byID: [UUID: BulkItemOutcome.Status] = [:]
        for outcome in outcomes { byID[outcome.customerID] = outcome.status }
        return ids.map { BulkItemOutcome(customerID: $0, status: reachable.contains($0) ? (byID[$0] ?? .notFound) : .notFound) }
    }
}

/// Field names as the access log records them.
enum CustomerFields {
    static let all = ["name", "last_name", "email", "phone", "company", "country", "locale", "timezone_offset", "category",
                      "priority", "lead_status", "teammate_id", "metadata", "stripe_customer_id", "affiliate_partner_id",
                      "billing_addresses", "shipping_addresses"]
}

extension CustomerPatch {
    /// The API names of the fields this patch sets.
    var fieldNames: [String] {
        var names: [String] = []
        if name != nil { names.append("name") }
        if lastName != nil { names.append("last_name") }
        if email != nil { names.append("email") }
        if phone != nil { names.append("phone") }
        if company != nil { names.append("company") }
        if country != nil { names.append("country") }
        if locale != nil { names.append("locale") }
        if timezoneOffset != nil { names.append("timezone_offset") }
        if category != nil { names.append("category") }
        if priority != nil { names.append("priority") }
        if leadStatus != nil { names.append("lead_status") }
        if teammateID != nil { names.append("teammate_id") }
        if metadata != nil { names.append("metadata") }
        if stripeCustomerID != nil { names.append("stripe_customer_id") }
        if affiliatePartnerID != nil { names.append("affiliate_partner_id") }
        return names
    }
}
