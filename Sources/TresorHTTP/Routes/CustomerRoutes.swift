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
            let (draft, sources) = try await CustomerRequests.createBody(request)
            do {
                return CustomerRequests.customerAnswer(try await service.createCustomer(draft, request: context.requestInfo(request)), policy: context.fieldPolicy)
            } catch {
                throw sources.renamed(error)
            }
        }
        group.get("retrieve/:id") { request, context in
            CustomerRequests.customerAnswer(try await service.retrieveCustomer(id: try context.uuidParameter("id"), request: context.requestInfo(request)), policy: context.fieldPolicy)
        }
        group.post("update/:id") { request, context in
            let id = try context.uuidParameter("id")
            let patch = try await CustomerRequests.updatePatch(request, id: id, noun: "customer")
            return CustomerRequests.customerAnswer(try await service.updateCustomer(id: id, patch: patch, request: context.requestInfo(request)).customer, policy: context.fieldPolicy)
        }
        group.delete(":id") { request, context in
            let id = try context.uuidParameter("id")
            try await service.deleteCustomer(id: id, request: context.requestInfo(request))
            return CustomerRequests.deletedAnswer(id)
        }
        group.get("list") { request, context in
            CustomerRequests.pageAnswer(try await service.listCustomers(try ListQuery.parse(request), request: context.requestInfo(request)), policy: context.fieldPolicy)
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
                return CustomerRequests.customerAnswer(try await service.retrieveCustomer(id: id, request: info), policy: context.fieldPolicy)
            }
        }
    }
}
