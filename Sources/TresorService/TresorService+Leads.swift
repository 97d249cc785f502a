import Foundation
import TresorModel
import TresorStore

/// Tamio's Leads API: a lead is a customer of category `lead`, in the same encrypted store, under
/// the same scopes, narrowing and webhooks (`customer-created`, `-updated`, `-removed`, as Tamio
/// sends them for leads). Its operations answer "not found" for a customer that is not a lead;
/// upgrading one changes its category only, so its id, key, history and holds stay.
extension TresorService {
    /// Tamio's limit for the leads bulk operations.
    public static let maximumBulkLeads = 50
    /// The status of a lead created without one (Tamio marks `priority` and `lead_status` as
    /// required on create; Tresor defaults them, to `normal` and this, as its update does).
    public static let newLeadStatus = "new_lead"

    public func createLead(_ draft: CustomerDraft, request: RequestInfo) async throws -> Customer {
        var draft = draft
        draft.source = .api
        if draft.category == nil { draft.category = CustomerCategory.lead.rawValue }
        if draft.category == CustomerCategory.lead.rawValue, draft.leadStatus == nil { draft.leadStatus = Self.newLeadStatus }
        let created = try await perform("lead.create", scope: .customersCreate, request: request, fields: CustomerFields.all) { record in
            try await hidingEmailConflicts(request) { try await store.createCustomer(draft, recording: record) }
        }
        return request.fieldPolicy.apply(to: created)
    }

    public func retrieveLead(id: UUID, request: RequestInfo) async throws -> Customer {
        try await perform("lead.view", scope: .customersView, request: request, fields: CustomerFields.all, subjects: [id]) {
            (request.fieldPolicy.apply(to: try await reachableLead(id, request)), [id])
        }
    }

    public func updateLead(id: UUID, patch: CustomerPatch, request: RequestInfo) async throws -> Customer {
        try await perform("lead.update", scope: .customersEdit, request: request, fields: patch.fieldNames, subjects: [id]) { record in
            _ = try await reachableLead(id, request)
            let updated = try await hidingEmailConflicts(request) { try await store.updateCustomer(id: id, with: patch, recording: record).customer }
            return request.fieldPolicy.apply(to: updated)
        }
    }

    public func deleteLead(id: UUID, request: RequestInfo) async throws {
        try await perform("lead.delete", scope: .customersRemove, request: request, fields: CustomerFields.all, subjects: [id]) { record in
            _ = try await reachableLead(id, request)
            try await store.deleteCustomer(id: id, recording: record)
        }
    }

    public func listLeads(_ query: CustomerQuery, request: RequestInfo) async throws -> CustomerPage {
        var query = query
        query.category = .lead
        return try await perform("lead.list", scope: .customersView, request: request, fields: CustomerFields.all) {
            let page = try await store.listCustomers(narrowed(query, request))
            return (request.fieldPolicy.apply(to: page), page.customers.map(\.id))
        }
    }

    /// Makes the leads customers (`POST /v2/leads/bulk/upgrade`).
    public func upgradeLeads(ids: [UUID], request: RequestInfo) async throws -> [BulkItemOutcome] {
        try await changeLeads(ids: ids, action: "lead.upgrade", fields: ["category", "lead_status"], request: request) { .upgradeToCustomer }
    }

    public func changeLeadStatus(_ status: String, ids: [UUID], request: RequestInfo) async throws -> [BulkItemOutcome] {
        try await changeLeads(ids: ids, action: "lead.change_status", fields: ["lead_status"], request: request) { try .leadStatus(status) }
    }

    public func changeLeadPriority(_ priority: CustomerPriority, ids: [UUID], request: RequestInfo) async throws -> [BulkItemOutcome] {
        try await changeLeads(ids: ids, action: "lead.change_priority", fields: ["priority"], request: request) { CustomerAttributeChange(priority: priority) }
    }

    public func assignLeads(to teammateID: UUID?, ids: [UUID], request: RequestInfo) async throws -> [BulkItemOutcome] {
        try await changeLeads(ids: ids, action: "lead.assign", fields: ["teammate_id"], request: request) { CustomerAttributeChange(teammateID: .some(teammateID)) }
    }

    /// One bulk change of leads, checked after the caller is authorised: the reachable ones
    /// among `ids` that are leads change; every other id is `not_found`.
    private func changeLeads(ids: [UUID], action: String, fields: [String], request: RequestInfo,
                             _ makeChange: () throws -> CustomerAttributeChange) async throws -> [BulkItemOutcome] {
        try await perform(action, scope: .customersEdit, request: request, fields: fields, subjects: ids) { record in
            let change = try makeChange()
            try Self.checkCount(ids.count, field: "leads", limit: Self.maximumBulkLeads)
            let reachable = try await bulkTargets(ids, resource: "lead", category: .lead, request)
            let outcomes = try await store.changeAttributes(change, customerIDs: ids.filter(reachable.contains), inCategory: .lead, recording: record)
            return Self.merge(ids, reachable: reachable, outcomes: outcomes)
        }
    }

    /// The lead, if it exists, is a lead and the caller may reach it; otherwise "lead not found".
    private func reachableLead(_ id: UUID, _ request: RequestInfo) async throws -> Customer {
        let notFound = StoreError.notFound(resource: "lead", id: id.uuidString.lowercased())
        do {
            let customer = try await reachableCustomer(id, request)
            guard customer.category == .lead else { throw notFound }
            return customer
        } catch StoreError.notFound {
            throw notFound
        }
    }
}
