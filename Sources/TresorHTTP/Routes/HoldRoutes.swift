import Foundation
import Hummingbird
import TresorModel
import TresorService

/// Legal holds: `/v2/customers/{id}/holds` (scope `holds.manage`) where apps declare and release
/// them, and `/v2/compliance/holds` (scope `compliance.retention`) where compliance reads what
/// erased customers' holds retain, for the hold's purpose only (Docs/erasure.md).
struct HoldRoutes {
    let service: TresorService

    func addCustomerHolds(to customers: RouterGroup<TresorRequestContext>) {
        customers.post(":id/holds") { request, context in
            let body = try await JSONBody.read(request, allowed: ["rule", "document_date", "category", "legal_basis", "purpose", "until"])
            let draft = LegalHoldDraft(rule: try body.string("rule"), documentDate: try Self.day(body, "document_date"),
                                       category: try body.string("category"), legalBasis: try body.string("legal_basis"),
                                       purpose: try body.string("purpose"), until: try Self.day(body, "until"))
            let hold = try await service.createLegalHold(customerID: try context.uuidParameter("id"), draft: draft,
                                                         request: context.requestInfo(request))
            return JSONResponse.envelope(["legal_hold": Self.json(hold)])
        }
        customers.get(":id/holds") { request, context in
            let status = try Self.status(request)
            let holds = try await service.legalHolds(customerID: try context.uuidParameter("id"), status: status, request: context.requestInfo(request))
            return JSONResponse.list(holds.map(Self.json))
        }
        customers.delete(":id/holds/:hold_id") { request, context in
            let hold = try await service.releaseLegalHold(customerID: try context.uuidParameter("id"), holdID: try context.uuidParameter("hold_id"),
                                                          request: context.requestInfo(request))
            return JSONResponse.envelope(["legal_hold": Self.json(hold)])
        }
    }

    func addCompliance(to group: RouterGroup<TresorRequestContext>) {
        group.get { request, context in
            let holds = try await service.legalHolds(customerID: nil, status: try Self.status(request), request: context.requestInfo(request))
            return JSONResponse.list(holds.map(Self.json))
        }
        group.get(":id/retained-data") { request, context in
            let (hold, data) = try await service.retainedData(holdID: try context.uuidParameter("id"), request: context.requestInfo(request))
            let retained = (try? JSONSerialization.jsonObject(with: data)) ?? NSNull()
            return JSONResponse.envelope(["legal_hold": Self.json(hold), "retained_data": retained])
        }
    }

    static func json(_ hold: LegalHold) -> [String: Any] {
        [
            "id": hold.id.lowercaseText, "object": "legal_hold", "customer_id": hold.customerID.lowercaseText, "category": hold.category.rawValue,
            "fields": hold.category.fields, "legal_basis": hold.legalBasis, "purpose": hold.purpose, "until": hold.until.description,
            "status": hold.status.rawValue, "created_at": hold.createdAt, "retained_at": hold.retainedAt ?? NSNull(), "ended_at": hold.endedAt ?? NSNull(),
        ]
    }

    private static func status(_ request: Request) throws -> LegalHold.Status? {
        try ListQuery.choice(ListQuery.parameters(request, allowed: ["status"]).get("status"), "status")
    }

    private static func day(_ body: JSONBody, _ field: String) throws -> CalendarDay? {
        guard let text = try body.string(field) else { return nil }
        guard let day = CalendarDay(text) else { throw Problem.invalid(FieldError(field: field, reason: "must be a date (YYYY-MM-DD)")) }
        return day
    }
}
