import Foundation
import Hummingbird
import HummingbirdCore
import TresorModel
import TresorService
import TresorStore

/// `/v2/customers/…`: Tamio's customer endpoints.
struct CustomerRoutes {
    let service: TresorService

    func add(to group: RouterGroup<TresorRequestContext>) {
        group.post("create") { request, context in
            let body = try await JSONBody.read(request, allowed: CustomerJSON.customerFields)
            let (draft, sources) = try CustomerJSON.customerDraftAndSources(body)
            do {
                let customer = try await service.createCustomer(draft, request: context.requestInfo(request))
                return JSONResponse.envelope(["customer": TamioCustomerJSON.customer(customer)])
            } catch {
                throw sources.renamed(error)
            }
        }
        group.get("retrieve/:id") { request, context in
            let customer = try await service.retrieveCustomer(id: try context.uuidParameter("id"), request: context.requestInfo(request))
            return JSONResponse.envelope(["customer": TamioCustomerJSON.customer(customer)])
        }
        group.post("update/:id") { request, context in
            let id = try context.uuidParameter("id")
            let body = try await JSONBody.read(request, allowed: CustomerJSON.updateFields.union(CustomerJSON.readOnlyFields))
            if let posted = try body.string("id"), UUID(uuidString: posted) != id {
                throw Problem.invalid(FieldError(field: "id", reason: "is not the id of the customer in the path"))
            }
            let result = try await service.updateCustomer(id: id, patch: try CustomerJSON.customerPatch(body), request: context.requestInfo(request))
            return JSONResponse.envelope(["customer": TamioCustomerJSON.customer(result.customer)])
        }
        group.delete(":id") { request, context in
            let id = try context.uuidParameter("id")
            try await service.deleteCustomer(id: id, request: context.requestInfo(request))
            return JSONResponse.envelope(["customer": ["id": id.uuidString.lowercased(), "object": "customer", "deleted": true]])
        }
        group.get("list") { request, context in
            let query = try ListQuery.parse(request)
            let page = try await service.listCustomers(query, request: context.requestInfo(request))
            var payload: [String: Any] = ["customers": page.customers.map(TamioCustomerJSON.customer), "has_more": page.hasMore]
            if let total = page.totalResults { payload["total_results"] = total }
            return JSONResponse.envelope(payload)
        }
        for path in ["add-to-list/:id", "remove-from-list/:id"] {
            group.post(RouterPath(path)) { request, context in
                let id = try context.uuidParameter("id")
                let body = try await JSONBody.read(request, allowed: ["mailing_list"])
                let list = try body.requireUUID("mailing_list")
                let info = try context.requestInfo(request)
                let outcomes = path.hasPrefix("add")
                    ? try await service.addToMailingList(listID: list, customerIDs: [id], request: info)
                    : try await service.removeFromMailingList(listID: list, customerIDs: [id], request: info)
                guard outcomes.first?.status != .notFound else { throw Problem.notFound("customer \(id.uuidString.lowercased()) not found") }
                return JSONResponse.envelope(["customer": TamioCustomerJSON.customer(try await service.retrieveCustomer(id: id, request: info))])
            }
        }
    }
}
