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
            return JSONResponse.envelope(["customer": TamioCustomerJSON.customer(customer)])
        }
        customers.post("address/update/:id") { request, context in
            let id = try context.uuidParameter("id")
            let body = try await JSONBody.read(request, allowed: CustomerJSON.addressFields)
            guard try body.string("email") != nil else { throw Problem.invalid(FieldError(field: "email", reason: "is required")) }
            let customer = try await service.updateAddress(id: id, draft: try CustomerJSON.addressDraft(body), request: context.requestInfo(request))
            return JSONResponse.envelope(["customer": TamioCustomerJSON.customer(customer)])
        }
        customers.delete("address/:id") { request, context in
            let customer = try await service.deleteAddress(id: try context.uuidParameter("id"), request: context.requestInfo(request))
            return JSONResponse.envelope(["customer": TamioCustomerJSON.customer(customer)])
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
            let body = try await JSONBody.read(request, allowed: ["name", "email"])
            let teammate = try await service.createTeammate(name: try body.string("name") ?? "", email: try body.string("email") ?? "",
                                                            request: context.requestInfo(request))
            return JSONResponse.envelope(["teammate": Self.teammate(teammate)])
        }
        group.get("list") { request, context in
            JSONResponse.envelope(["teammates": try await service.teammates(request: context.requestInfo(request)).map(Self.teammate)])
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

    static func teammate(_ teammate: Teammate) -> [String: Any] {
        ["id": teammate.id.uuidString.lowercased(), "object": "teammate", "name": teammate.name, "email": teammate.email,
         "created_at": teammate.createdAt]
    }
}
