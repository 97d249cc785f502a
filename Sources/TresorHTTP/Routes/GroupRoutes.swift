import Foundation
import Hummingbird
import TresorModel
import TresorService

/// Addresses (`/v2/customers/address/…`), mailing lists (`/v2/mailing-lists`) and teammates
/// (`/v2/teammates`).
struct GroupRoutes {
    let service: TresorService

    func addAddresses(to customers: RouterGroup<TresorRequestContext>) {
        customers.post("address/create/:id") { request, context in
            let customerID = try context.uuidParameter("id")
            let body = try await JSONBody.read(request, allowed: CustomerJSON.addressFields)
            let kind: AddressKind = try body.bool("shipping_address") == true ? .shipping : .billing
            let customer = try await service.createAddress(customerID: customerID, kind: kind, draft: try CustomerJSON.addressDraft(body),
                                                           request: context.requestInfo(request))
            return CustomerRequests.customerAnswer(customer, policy: context.fieldPolicy)
        }
        customers.post("address/update/:id") { request, context in
            let id = try context.uuidParameter("id")
            let body = try await JSONBody.read(request, allowed: CustomerJSON.addressFields)
            guard try body.string("email") != nil else { throw Problem.invalid(FieldError(field: "email", reason: "is required")) }
            let customer = try await service.updateAddress(id: id, draft: try CustomerJSON.addressDraft(body), request: context.requestInfo(request))
            return CustomerRequests.customerAnswer(customer, policy: context.fieldPolicy)
        }
        customers.delete("address/:id") { request, context in
            let customer = try await service.deleteAddress(id: try context.uuidParameter("id"), request: context.requestInfo(request))
            return CustomerRequests.customerAnswer(customer, policy: context.fieldPolicy)
        }
    }

    func addMailingLists(to group: RouterGroup<TresorRequestContext>) {
        group.post("create") { request, context in
            let body = try await JSONBody.read(request, allowed: ["name"])
            let list = try await service.createMailingList(name: try body.string("name") ?? "", request: context.requestInfo(request))
            return JSONResponse.envelope(["mailing_list": Self.mailingList(list)])
        }
        group.get("list") { request, context in
            JSONResponse.envelope(["mailing_lists": try await service.mailingLists(request: context.requestInfo(request)).map(Self.mailingList)])
        }
        group.get("retrieve/:id") { request, context in
            let list = try await service.mailingList(id: try context.uuidParameter("id"), request: context.requestInfo(request))
            return JSONResponse.envelope(["mailing_list": Self.mailingList(list)])
        }
        group.delete(":id") { request, context in
            let id = try context.uuidParameter("id")
            try await service.deleteMailingList(id: id, request: context.requestInfo(request))
            return JSONResponse.envelope(["mailing_list": ["id": id.uuidString.lowercased(), "object": "mailing_list", "deleted": true]])
        }
    }

    func addTeammates(to group: RouterGroup<TresorRequestContext>) {
        group.post("create") { request, context in
            let body = try await JSONBody.read(request, allowed: Self.teammateFields)
            let teammate = try await service.createTeammate(try Self.teammateDraft(body), request: context.requestInfo(request))
            return JSONResponse.envelope(["teammate": Self.teammate(teammate)])
        }
        group.post("update/:id") { request, context in
            let id = try context.uuidParameter("id")
            let body = try await JSONBody.read(request, allowed: Self.teammateFields.union(["id", "object", "created_at"]))
            let teammate = try await service.updateTeammate(id: id, draft: try Self.teammateDraft(body), request: context.requestInfo(request))
            return JSONResponse.envelope(["teammate": Self.teammate(teammate)])
        }
        group.get("list") { request, context in
            let teammates = try await service.teammates(request: context.requestInfo(request))
            return JSONResponse.envelope(["teammates": teammates.map(Self.teammate), "total_results": teammates.count, "has_more": false])
        }
        group.get("retrieve/:id") { request, context in
            let teammate = try await service.teammate(id: try context.uuidParameter("id"), request: context.requestInfo(request))
            return JSONResponse.envelope(["teammate": Self.teammate(teammate)])
        }
        group.delete(":id") { request, context in
            let id = try context.uuidParameter("id")
            try await service.deleteTeammate(id: id, request: context.requestInfo(request))
            return JSONResponse.envelope(["teammate": ["id": id.uuidString.lowercased(), "object": "teammate", "deleted": true]])
        }
    }

    static func mailingList(_ list: MailingList) -> [String: Any] {
        ["id": list.id.uuidString.lowercased(), "object": "mailing_list", "name": list.name, "created_at": list.createdAt]
    }

    /// Tamio's teammate fields.
    static let teammateFields: Set<String> = ["name", "last_name", "email", "role", "country"]

    static func teammateDraft(_ body: JSONBody) throws -> TeammateDraft {
        TeammateDraft(name: try body.string("name"), lastName: try body.string("last_name"), email: try body.string("email"),
                      role: try body.string("role"), country: try body.string("country"))
    }

    static func teammate(_ teammate: Teammate) -> [String: Any] {
        ["id": teammate.id.uuidString.lowercased(), "object": "teammate", "name": teammate.name, "last_name": teammate.lastName ?? NSNull(),
         "email": teammate.email, "role": teammate.role ?? NSNull(), "country": teammate.country?.code.lowercased() ?? NSNull(),
         "created_at": teammate.createdAt]
    }
}
