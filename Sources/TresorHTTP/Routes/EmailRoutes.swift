import Foundation
import Hummingbird
import TresorModel
import TresorService

/// Email templates (`/v2/email-templates`), Tamio's `send-email` and `bulk/send-email`, and the
/// record of queued and sent emails (`/v2/emails`); scope `customers.email`.
struct EmailRoutes {
    let service: TresorService

    func addTemplates(to group: RouterGroup<TresorRequestContext>) {
        group.post { request, context in
            let body = try await JSONBody.read(request, allowed: EmailJSON.templateFields)
            let draft = EmailTemplateDraft(name: try body.string("name"), subject: try body.string("subject"),
                                           textBody: try body.string("text_body"), htmlBody: try body.string("html_body"))
            let template = try await service.createEmailTemplate(draft, request: context.requestInfo(request))
            return JSONResponse.envelope(["email_template": EmailJSON.template(template)])
        }
        group.get { request, context in
            let templates = try await service.emailTemplates(request: context.requestInfo(request))
            return JSONResponse.list(templates.map(EmailJSON.template))
        }
        group.get(":id") { request, context in
            let template = try await service.emailTemplate(id: try context.uuidParameter("id"), request: context.requestInfo(request))
            return JSONResponse.envelope(["email_template": EmailJSON.template(template)])
        }
        group.delete(":id") { request, context in
            let id = try context.uuidParameter("id")
            try await service.deleteEmailTemplate(id: id, request: context.requestInfo(request))
            return JSONResponse.envelope(["email_template": ["id": id.uuidString.lowercased(), "object": "email_template", "deleted": true]])
        }
    }

    func addSending(to customers: RouterGroup<TresorRequestContext>) {
        customers.post("send-email/:id") { request, context in
            let body = try await JSONBody.read(request, allowed: ["email_template_id"])
            let templateID = try body.requireUUID("email_template_id")
            let customerID = try context.uuidParameter("id")
            let emailID = try await service.sendEmail(templateID: templateID, customerID: customerID, request: context.requestInfo(request))
            return JSONResponse.envelope(["email": ["id": emailID, "object": "email", "customer_id": customerID.uuidString.lowercased(),
                                                    "email_template_id": templateID.uuidString.lowercased(), "status": "queued"]])
        }
        customers.post("bulk/send-email") { request, context in
            let body = try await JSONBody.read(request, allowed: ["customers", "email_template_id"])
            let ids = try body.uuids("customers", limit: TresorService.maximumBulkEmails)
            let templateID = try body.requireUUID("email_template_id")
            let sent = try await service.bulkSendEmail(templateID: templateID, customerIDs: ids, request: context.requestInfo(request))
            var payload = BulkRoutes.payload(sent.outcomes)
            payload["emails"] = sent.emailIDs.sorted { $0.value < $1.value }.map { ["id": $0.value, "customer_id": $0.key.uuidString.lowercased()] }
            return JSONResponse.envelope(payload)
        }
    }

    func addRecords(to group: RouterGroup<TresorRequestContext>) {
        group.get { request, context in
            let parameters = try ListQuery.parameters(request, allowed: ["limit", "starting_after", "customer_id", "status"])
            let limit = try ListQuery.int(parameters.get("limit"), "limit", range: 1...100) ?? 20
            var customerID: UUID?
            if let text = parameters.get("customer_id") {
                guard let id = UUID(uuidString: text) else { throw Problem.invalid(FieldError(field: "customer_id", reason: "must be a customer id (UUID)")) }
                customerID = id
            }
            let status: Email.Status? = try ListQuery.choice(parameters.get("status"), "status")
            let page = try await service.emails(customerID: customerID, status: status, limit: limit, startingAfter: parameters.get("starting_after"),
                                                request: context.requestInfo(request))
            return JSONResponse.envelope(["object": "list", "data": page.emails.map(EmailJSON.email), "has_more": page.hasMore])
        }
    }
}
