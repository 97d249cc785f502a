import Foundation
import Hummingbird
import TresorModel
import TresorService
import TresorStore

/// `/v2/leads/…`: Tamio's Leads API. A lead is a customer of category `lead` and answers in the
/// customer's shape (`object: "customer"`), as Tamio's does.
struct LeadRoutes {
    let service: TresorService

    func add(to group: RouterGroup<TresorRequestContext>) {
        group.post("create") { request, context in
            let (draft, sources) = try await CustomerRequests.createBody(request)
            do {
                return CustomerRequests.customerAnswer(try await service.createLead(draft, request: context.requestInfo(request)), policy: context.fieldPolicy)
            } catch {
                throw sources.renamed(error)
            }
        }
        group.get("retrieve/:id") { request, context in
            CustomerRequests.customerAnswer(try await service.retrieveLead(id: try context.uuidParameter("id"), request: context.requestInfo(request)), policy: context.fieldPolicy)
        }
        group.post("update/:id") { request, context in
            let id = try context.uuidParameter("id")
            let patch = try await CustomerRequests.updatePatch(request, id: id, noun: "lead")
            return CustomerRequests.customerAnswer(try await service.updateLead(id: id, patch: patch, request: context.requestInfo(request)), policy: context.fieldPolicy)
        }
        group.delete(":id") { request, context in
            let id = try context.uuidParameter("id")
            try await service.deleteLead(id: id, request: context.requestInfo(request))
            return CustomerRequests.deletedAnswer(id)
        }
        group.get("list") { request, context in
            CustomerRequests.pageAnswer(try await service.listLeads(try ListQuery.parse(request), request: context.requestInfo(request)), policy: context.fieldPolicy)
        }
        addBulk(to: group)
    }

    /// The bulk operations: at most 50 leads each (Tamio's limit), answered with the ids acted
    /// on (`ids`) and one error per id that is not a lead the caller reaches (`errors`).
    private func addBulk(to group: RouterGroup<TresorRequestContext>) {
        group.post("bulk/upgrade") { request, context in
            let body = try await JSONBody.read(request, allowed: ["leads"])
            let ids = try body.uuids("leads", limit: TresorService.maximumBulkLeads)
            return Self.response(try await service.upgradeLeads(ids: ids, request: context.requestInfo(request)))
        }
        group.post("bulk/change-status") { request, context in
            let body = try await JSONBody.read(request, allowed: ["leads", "lead_status"])
            let ids = try body.uuids("leads", limit: TresorService.maximumBulkLeads)
            guard let status = try body.string("lead_status") else { throw Problem.invalid(FieldError(field: "lead_status", reason: "is required")) }
            return Self.response(try await service.changeLeadStatus(status, ids: ids, request: context.requestInfo(request)))
        }
        group.post("bulk/change-priority") { request, context in
            let body = try await JSONBody.read(request, allowed: ["leads", "priority"])
            let ids = try body.uuids("leads", limit: TresorService.maximumBulkLeads)
            guard let text = try body.string("priority") else { throw Problem.invalid(FieldError(field: "priority", reason: "is required")) }
            guard let priority = CustomerPriority(rawValue: text) else {
                throw Problem.invalid(FieldError(field: "priority", reason: "must be one of low, normal, medium, high"))
            }
            return Self.response(try await service.changeLeadPriority(priority, ids: ids, request: context.requestInfo(request)))
        }
        group.post("bulk/assign-to-teammate") { request, context in
            let body = try await JSONBody.read(request, allowed: ["leads", "teammate_id"])
            let ids = try body.uuids("leads", limit: TresorService.maximumBulkLeads)
            let teammate = try body.requireTeammateOrNull("teammate_id")
            return Self.response(try await service.assignLeads(to: teammate, ids: ids, request: context.requestInfo(request)))
        }
    }

    static func response(_ outcomes: [BulkItemOutcome]) -> Response {
        let (done, errors) = BulkRoutes.split(outcomes, resource: "lead")
        return JSONResponse.envelope(["ids": done, "errors": errors])
    }
}
