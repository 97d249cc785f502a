import Foundation
import Hummingbird
import TresorModel
import TresorStore

/// What the customer and the lead endpoints read and answer alike: Tamio shares the customer
/// object between them.
enum CustomerRequests {
    /// A create body, read strictly, with where its addresses came from (to name errors as sent).
    static func createBody(_ request: Request) async throws -> (draft: CustomerDraft, sources: CustomerJSON.AddressSources) {
        try CustomerJSON.customerDraftAndSources(try await JSONBody.read(request, allowed: CustomerJSON.customerFields))
    }

    /// An update body: the updatable fields, and a retrieved object's read-only ones ignored; an
    /// `id` in it must be the one in the path (`noun` names what it is the id of).
    static func updatePatch(_ request: Request, id: UUID, noun: String) async throws -> CustomerPatch {
        let body = try await JSONBody.read(request, allowed: CustomerJSON.updateFields.union(CustomerJSON.readOnlyFields))
        if let posted = try body.string("id"), UUID(uuidString: posted) != id {
            throw Problem.invalid(FieldError(field: "id", reason: "is not the id of the \(noun) in the path"))
        }
        return try CustomerJSON.customerPatch(body)
    }

    /// `{"status": 200, "customer": …}`.
    /// A customer's (or lead's) answer, shaped by the caller's field policy (the service has
    /// already masked and withheld the values).
    static func customerAnswer(_ customer: Customer, policy: FieldPolicy) -> Response {
        withheldHeader(JSONResponse.envelope(["customer": TamioCustomerJSON.customer(customer, policy: policy)]), policy)
    }

    /// `Tresor-Withheld` names the fields withheld because the request stated no purpose
    /// (`Tresor-Purpose`) and the role requires one for them.
    static func withheldHeader(_ response: Response, _ policy: FieldPolicy) -> Response {
        guard !policy.withheldForLackOfPurpose.isEmpty else { return response }
        var response = response
        let names = policy.withheldForLackOfPurpose.sorted().map(\.rawValue).joined(separator: ", ")
        response.headers[.tresorWithheld] = "\(names); reason=\"purpose required: send Tresor-Purpose\""
        return response
    }

    /// A deleted customer's (or lead's) answer.
    static func deletedAnswer(_ id: UUID) -> Response {
        JSONResponse.envelope(["customer": ["id": id.uuidString.lowercased(), "object": "customer", "deleted": true]])
    }

    /// A page of a list: `customers`, `has_more` and, when counted, `total_results`.
    static func pageAnswer(_ page: CustomerPage, policy: FieldPolicy) -> Response {
        var payload: [String: Any] = ["customers": page.customers.map { TamioCustomerJSON.customer($0, policy: policy) }, "has_more": page.hasMore]
        if let total = page.totalResults { payload["total_results"] = total }
        return withheldHeader(JSONResponse.envelope(payload), policy)
    }
}
