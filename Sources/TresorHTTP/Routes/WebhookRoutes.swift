import Foundation
import HTTPTypes
import Hummingbird
import TresorModel
import TresorService

/// `/v2/webhook-endpoints/…` (scope `webhooks.manage`).
struct WebhookRoutes {
    let service: TresorService

    func add(to group: RouterGroup<TresorRequestContext>) {
        group.post { request, context in
            let body = try await JSONBody.read(request, allowed: WebhookJSON.endpointFields)
            var draft = WebhookEndpointDraft(url: try body.string("url"), events: try body.strings("events", limit: 10),
                                             country: try body.string("country"), transferBasis: try body.string("transfer_basis"),
                                             payload: try body.string("payload"), name: try body.string("name"))
            draft.tamioSignature = try body.bool("tamio_signature")
            draft.tamioSignatureHeader = try body.string("tamio_signature_header")
            let (endpoint, secret) = try await service.createWebhookEndpoint(draft, request: context.requestInfo(request))
            return JSONResponse.envelope(["webhook_endpoint": WebhookJSON.endpoint(endpoint, secret: secret.text)])
        }
        group.get { request, context in
            let endpoints = try await service.webhookEndpoints(request: context.requestInfo(request))
            return JSONResponse.list(endpoints.map { WebhookJSON.endpoint($0) })
        }
        group.post("verify-signature") { request, context in
            try await verifySignature(request, context)
        }
        group.get(":id") { request, context in
            let endpoint = try await service.webhookEndpoint(id: try context.uuidParameter("id"), request: context.requestInfo(request))
            return JSONResponse.envelope(["webhook_endpoint": WebhookJSON.endpoint(endpoint)])
        }
        group.delete(":id") { request, context in
            let id = try context.uuidParameter("id")
            try await service.deleteWebhookEndpoint(id: id, request: context.requestInfo(request))
            return JSONResponse.envelope(["webhook_endpoint": ["id": id.uuidString.lowercased(), "object": "webhook_endpoint", "deleted": true]])
        }
        group.post(":id/rotate-secret") { request, context in
            let (endpoint, secret) = try await service.rotateWebhookSecret(id: try context.uuidParameter("id"), request: context.requestInfo(request))
            return JSONResponse.envelope(["webhook_endpoint": WebhookJSON.endpoint(endpoint, secret: secret.text)])
        }
        group.get(":id/deliveries") { request, context in
            let parameters = try ListQuery.parameters(request, allowed: ["limit", "starting_after"])
            let limit = try ListQuery.int(parameters.get("limit"), "limit", range: 1...100) ?? 20
            let page = try await service.webhookDeliveries(endpointID: try context.uuidParameter("id"), limit: limit,
                                                           startingAfter: parameters.get("starting_after"), request: context.requestInfo(request))
            return JSONResponse.envelope(["object": "list", "data": page.deliveries.map {
                WebhookJSON.delivery($0.delivery, attempts: $0.attempts, detailed: page.detailed)
            },
                                          "has_more": page.hasMore])
        }
        group.post(":id/deliveries/:delivery/resend") { request, context in
            guard let deliveryID = context.parameters.get("delivery"), deliveryID.hasPrefix("msg_"), deliveryID.count <= 64 else {
                throw Problem.invalid(FieldError(field: "delivery", reason: "must be a delivery id (msg_…)"))
            }
            let delivery = try await service.resendWebhookDelivery(id: deliveryID, endpointID: try context.uuidParameter("id"),
                                                                   request: context.requestInfo(request))
            return JSONResponse.envelope(["webhook_delivery": WebhookJSON.delivery(delivery, attempts: [], detailed: true)])
        }
    }

    /// Tamio's `verify-signature`: the raw body as received, with the Standard Webhooks headers
    /// or the endpoint's Tamio signature header. The endpoint comes from the body's `endpoint_id`
    /// (every Tresor event carries it) or the `endpoint_id` query parameter. A signature that does
    /// not verify is a 400 with Tamio's `valid: false` (exactly Tamio's body for a key in Tamio mode).
    private func verifySignature(_ request: Request, _ context: TresorRequestContext) async throws -> Response {
        let info = try context.requestInfo(request)
        let body = Array(buffer: try await request.body.collect(upTo: JSONBody.maximumBytes))
        let fromBody = (try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])?["endpoint_id"] as? String
        guard let endpointText = request.uri.queryParameters.get("endpoint_id") ?? fromBody, let endpointID = UUID(uuidString: endpointText) else {
            throw Problem.invalid(FieldError(field: "endpoint_id", reason: "is required: in the event body or as a query parameter"))
        }
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        do {
            try await service.verifyWebhookSignature(endpointID: endpointID, headers: headers, body: body, request: info)
        } catch let error as ServiceError {
            guard case .invalidSignature = error else { throw error }
            if info.principal.compatibility == .tamio {
                return JSONResponse.make(["status": 400, "valid": false, "errors": ["invalid payload"]], status: .badRequest)
            }
            // Problem details with Tamio's `valid: false`; `errors` keeps the RFC 9457 shape of every other error.
            return JSONResponse.make(["type": "about:blank", "title": "Invalid signature", "status": 400, "detail": error.description,
                                      "instance": request.uri.path, "error": "invalid payload", "valid": false,
                                      "errors": [["pointer": "", "detail": "invalid payload"]], "request_id": context.requestID],
                                     status: .badRequest, headers: [.contentType: "application/problem+json"])
        }
        return JSONResponse.envelope(["valid": true])
    }
}
