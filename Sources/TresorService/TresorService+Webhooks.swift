import Foundation
import TresorCompliance
import TresorCrypto
import TresorModel
import TresorStore

/// Webhook endpoints (scope `webhooks.manage`). Endpoints hold no personal data; their
/// operations are logged like every other.
extension TresorService {
    /// Registers an endpoint after the transfer check: a country outside the EU/EEA needs an
    /// adequacy decision or a basis recorded in the residency policy. Returns the secret, once.
    public func createWebhookEndpoint(_ draft: WebhookEndpointDraft, request: RequestInfo) async throws -> (WebhookEndpoint, WebhookSecret) {
        try await perform("webhook_endpoint.create", scope: .webhooksManage, request: request) {
            let valid = try draft.validated()
            var basis: String?
            switch residency.transferDecision(to: valid.country) {
            case .withinEEA, .adequacy:
                break
            case let .recordedBasis(recorded):
                if let asked = draft.transferBasis, asked != recorded {
                    throw FieldError(field: "transfer_basis", reason: "does not match the basis recorded for \(valid.country.code) in \(residency.sourceFile)")
                }
                basis = recorded
            case .refused:
                throw ServiceError.transferRefused(country: valid.country.code, policyFile: residency.sourceFile)
            }
            let created = try await store.webhookEndpoints.create(url: valid.url, events: valid.events, country: valid.country,
                                                                  transferBasis: basis, payload: valid.payload)
            return (created, [])
        }
    }

    public func webhookEndpoints(request: RequestInfo) async throws -> [WebhookEndpoint] {
        try await perform("webhook_endpoint.list", scope: .webhooksManage, request: request) { (try await store.webhookEndpoints.endpoints(), []) }
    }

    public func webhookEndpoint(id: UUID, request: RequestInfo) async throws -> WebhookEndpoint {
        try await perform("webhook_endpoint.view", scope: .webhooksManage, request: request) { (try await store.webhookEndpoints.endpoint(id: id), []) }
    }

    public func deleteWebhookEndpoint(id: UUID, request: RequestInfo) async throws {
        try await perform("webhook_endpoint.delete", scope: .webhooksManage, request: request) { (try await store.webhookEndpoints.delete(id: id), []) }
    }

    /// A new secret, shown once; the old one keeps signing for 24 hours.
    public func rotateWebhookSecret(id: UUID, request: RequestInfo) async throws -> (WebhookEndpoint, WebhookSecret) {
        try await perform("webhook_endpoint.rotate_secret", scope: .webhooksManage, request: request) {
            (try await store.webhookEndpoints.rotateSecret(id: id), [])
        }
    }

    public func webhookDeliveries(endpointID: UUID, limit: Int, startingAfter: String?, request: RequestInfo) async throws
        -> (deliveries: [(delivery: WebhookDelivery, attempts: [WebhookAttempt])], hasMore: Bool) {
        try await perform("webhook_delivery.list", scope: .webhooksManage, request: request) {
            _ = try await store.webhookEndpoints.endpoint(id: endpointID)
            return (try await store.outbox.deliveries(endpointID: endpointID, limit: limit, startingAfter: startingAfter), [])
        }
    }

    public func resendWebhookDelivery(id: String, endpointID: UUID, request: RequestInfo) async throws -> WebhookDelivery {
        try await perform("webhook_delivery.resend", scope: .webhooksManage, request: request) {
            let delivery = try await store.outbox.resend(deliveryID: id, endpointID: endpointID)
            return (delivery, [delivery.customerID])
        }
    }

    /// Tamio's `verify-signature`: checks Standard Webhooks headers and a raw body against the
    /// endpoint's secrets, rejecting timestamps more than 5 minutes from now.
    public func verifyWebhookSignature(endpointID: UUID, id: String, timestamp: Int64, signature: String, body: [UInt8],
                                       now: Int64 = Int64(Date().timeIntervalSince1970), request: RequestInfo) async throws {
        try await perform("webhook_endpoint.verify_signature", scope: .webhooksManage, request: request) {
            let secrets = try await store.webhookEndpoints.secrets(endpointID: endpointID)
            guard !secrets.isEmpty else { throw StoreError.notFound(resource: "webhook endpoint", id: endpointID.uuidString.lowercased()) }
            do {
                try WebhookSignature.verify(signature, secrets: secrets, id: id, timestamp: timestamp, body: body, now: now)
            } catch let failure as WebhookSignature.Failure {
                throw ServiceError.invalidSignature(failure.description)
            }
            return ((), [])
        }
    }
}
