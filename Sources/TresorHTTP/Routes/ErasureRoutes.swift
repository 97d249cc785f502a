import Foundation
import Hummingbird
import TresorCompliance
import TresorModel
import TresorService

/// `/v2/compliance/erasure-requests` (scope `compliance.erasure`): requests under Art. 17 and
/// their transitions (Docs/erasure.md).
struct ErasureRoutes {
    let service: TresorService
    /// processing.yaml: the controller and the purposes, named on HTML certificates.
    let processing: ProcessingPolicy

    func add(to group: RouterGroup<TresorRequestContext>) {
        group.post { request, context in
            let body = try await JSONBody.read(request, allowed: ["customer_id", "email", "received_at", "channel", "note"])
            let subject = try body.subjectReference()
            var receivedOn: CalendarDay?
            if let text = try body.string("received_at") {
                guard let day = CalendarDay(String(text.prefix(10))) else {
                    throw Problem.invalid(FieldError(field: "received_at", reason: "must be a date (YYYY-MM-DD) or an ISO 8601 date-time"))
                }
                receivedOn = day
            }
            guard let channel = try body.string("channel") else { throw Problem.invalid(FieldError(field: "channel", reason: "is required")) }
            let created = try await service.createErasureRequest(for: subject, receivedOn: receivedOn, channel: channel, note: try body.string("note"),
                                                                 request: context.requestInfo(request))
            return JSONResponse.envelope(["erasure_request": Self.json(created, today: service.today)])
        }
        group.get { request, context in
            let parameters = try ListQuery.parameters(request, allowed: ["status", "due_within"])
            let status: ErasureRequest.Status? = try ListQuery.choice(parameters.get("status"), "status")
            let dueWithin = try ListQuery.int(parameters.get("due_within"), "due_within", range: 0...366)
            let requests = try await service.erasureRequests(status: status, dueWithin: dueWithin, request: context.requestInfo(request))
            return JSONResponse.list(requests.map { Self.json($0, today: service.today) })
        }
        group.get(":id") { request, context in
            let found = try await service.erasureRequest(id: try context.uuidParameter("id"), request: context.requestInfo(request))
            return JSONResponse.envelope(["erasure_request": Self.json(found, today: service.today)])
        }
        group.post(":id/approve") { request, context in
            let body = try await JSONBody.read(request, allowed: ["identity_verification"])
            let found = try await service.approveErasureRequest(id: try context.uuidParameter("id"), verification: try body.string("identity_verification"),
                                                                request: context.requestInfo(request))
            return JSONResponse.envelope(["erasure_request": Self.json(found, today: service.today)])
        }
        group.post(":id/reject") { request, context in
            let body = try await JSONBody.read(request, allowed: ["reason"])
            let found = try await service.rejectErasureRequest(id: try context.uuidParameter("id"), reason: try body.string("reason"),
                                                               request: context.requestInfo(request))
            return JSONResponse.envelope(["erasure_request": Self.json(found, today: service.today)])
        }
        group.post(":id/extend") { request, context in
            let body = try await JSONBody.read(request, allowed: ["months", "reason"])
            guard let monthsText = body.fields["months"], case let .number(value) = monthsText, let months = Int(exactly: value) else {
                throw Problem.invalid(FieldError(field: "months", reason: "is required: 1 or 2"))
            }
            let found = try await service.extendErasureRequest(id: try context.uuidParameter("id"), months: months, reason: try body.string("reason"),
                                                               request: context.requestInfo(request))
            return JSONResponse.envelope(["erasure_request": Self.json(found, today: service.today)])
        }
        group.post(":id/execute") { request, context in
            let found = try await service.executeErasureRequest(id: try context.uuidParameter("id"), request: context.requestInfo(request))
            return JSONResponse.envelope(["erasure_request": Self.json(found, today: service.today)])
        }
    }

    /// `GET /v2/compliance/erasure-certificates/{id}` (a certificate, request or customer id): the
    /// signed JSON, or with `?format=html` the page a person reads, in `?language=en|de` (else
    /// the first of `Accept-Language` it has, else English).
    func addCertificates(to group: RouterGroup<TresorRequestContext>) {
        group.get(":id") { request, context in
            let parameters = try ListQuery.parameters(request, allowed: ["format", "language"])
            let format = parameters.get("format") ?? "json"
            guard format == "json" || format == "html" else { throw Problem.invalid(FieldError(field: "format", reason: "must be json or html")) }
            let certificate = try await service.erasureCertificate(id: try context.uuidParameter("id"), request: context.requestInfo(request))
            if format == "html" {
                let page = try CertificateHTML.render(certificate, processing: processing, language: try Self.language(parameters.get("language"), request))
                return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: page)))
            }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(data: certificate.json())))
        }
    }

    /// The certificate page's language: `language` when given (en or de), else the first of the
    /// `Accept-Language` tags the page has, else English.
    static func language(_ asked: String?, _ request: Request) throws -> String {
        if let asked {
            guard CertificateHTML.languages.contains(asked) else {
                throw Problem.invalid(FieldError(field: "language", reason: "must be one of \(CertificateHTML.languages.joined(separator: ", "))"))
            }
            return asked
        }
        let accepted = (request.headers[.acceptLanguage] ?? "").split(separator: ",").map {
            $0.split(separator: ";").first.map { String($0.trimmingCharacters(in: .whitespaces).prefix(2)).lowercased() } ?? ""
        }
        return accepted.first(where: CertificateHTML.languages.contains) ?? "en"
    }

    static func json(_ request: ErasureRequest, today: CalendarDay) -> [String: Any] {
        [
            "id": request.id.uuidString.lowercased(), "object": "erasure_request", "customer_id": request.customerID.uuidString.lowercased(),
            "received_on": request.receivedOn.description, "channel": request.channel, "status": request.status.rawValue,
            "due_on": request.deadline.due.description, "overdue": request.isOpen && request.deadline.isOverdue(on: today),
            "extension_months": request.extensionMonths, "extension_reason": request.extensionReason ?? NSNull(),
            "identity_verified_by": request.identityVerifiedBy ?? NSNull(), "identity_verification": request.identityVerification ?? NSNull(),
            "rejection_reason": request.rejection?.rawValue ?? NSNull(), "created_at": request.createdAt,
            "decided_at": request.decidedAt ?? NSNull(), "executed_at": request.executedAt ?? NSNull(),
        ]
    }
}
