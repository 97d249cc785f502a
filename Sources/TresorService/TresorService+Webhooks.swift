import Foundation
import TresorCompliance
import TresorCrypto
import TresorModel
import TresorStore

/// Webhook endpoints (scope `webhooks.manage`). Endpoints hold no personal data; their
/// operations are logged like every other.
extension TresorService {
    /// Registers an endpoint after the destination and transfer checks: its host resolves to
    /// public addresses only (``WebhookDestinationCheck``), residency.yaml lists it and gives its
    /// country, and a country outside the EU/EEA needs an adequacy decision or a recorded basis.
    /// Returns the secret, once.
    public func createWebhookEndpoint(_ draft: WebhookEndpointDraft, request: RequestInfo) async throws -> (WebhookEndpoint, WebhookSecret) {
        try await perform("webhook_endpoint.create", scope: .webhooksManage, request: request) {
            let valid = try draft.validated(allowsPlainHTTP: webhookDestinations.allowsLoopback)
            if valid.tamioSignatureHeader != nil, request.principal.compatibility != .tamio {
                throw FieldError(field: "tamio_signature", reason: "is for keys in Tamio compatibility mode (tresor keys create --compat tamio)")
            }
            // An unlisted host is refused before any lookup (only a receiver on this machine, with
            // the development flag, needs none).
            guard residency.webhookCountry(forHost: valid.host) != nil || webhookDestinations.allowsLoopback else {
                throw Self.unlistedDestination(residency)
            }
            let addresses = try await webhookDestinations.addresses(of: valid.host)
            let onThisMachine = addresses.allSatisfy { $0.nonPublicKind == .loopback }
            guard !valid.isPlainHTTP || onThisMachine else {
                throw FieldError(field: "url", reason: "may use plain http only to this machine (tresor serve --allow-loopback-webhooks)")
            }
            let country = try webhookCountry(valid, onThisMachine: onThisMachine)
            var basis: String?
            switch residency.transferDecision(to: country) {
            case .withinEEA, .adequacy:
                break
            case let .recordedBasis(recorded):
                if let asked = draft.transferBasis, asked != recorded {
                    throw FieldError(field: "transfer_basis", reason: "does not match the basis recorded for \(country.code) in \(residency.sourceFile)")
                }
                basis = recorded
            case .refused:
                throw ServiceError.transferRefused(country: country.code, policyFile: residency.sourceFile)
            }
            let created = try await store.webhookEndpoints.create(name: valid.name, url: valid.url, events: valid.events, country: country,
                                                                  transferBasis: basis, payload: valid.payload,
                                                                  tamioSignatureHeader: valid.tamioSignatureHeader,
                                                                  roleName: request.principal.role.name)
            return (created, [])
        }
    }

    private static func unlistedDestination(_ residency: ResidencyPolicy) -> FieldError {
        FieldError(field: "url", reason: "names a host that is not an allowed webhook destination: the operator lists it under "
                   + "webhook_destinations in \(residency.sourceFile)")
    }

    /// The receiver's country: the one residency.yaml gives for the host (a caller's differing
    /// word is refused). A receiver on this machine (development flag) is in the country the
    /// caller names, which lets transfers be tried out locally.
    private func webhookCountry(_ valid: WebhookEndpointDraft.Checked, onThisMachine: Bool) throws -> CountryCode {
        if let configured = residency.webhookCountry(forHost: valid.host) {
            if let asked = valid.country, asked != configured {
                throw FieldError(field: "country", reason: "is \(configured.code) for this host in \(residency.sourceFile) (webhook_destinations)")
            }
            return configured
        }
        guard onThisMachine else { throw Self.unlistedDestination(residency) }
        guard let country = valid.country else {
            throw FieldError(field: "country", reason: "is required for a receiver on this machine: the ISO 3166-1 alpha-2 code it stands for")
        }
        return country
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

    /// An endpoint's deliveries, newest first. Each attempt's status code, error and duration are
    /// shown only to callers holding `keys.manage` (the operator's scope): to others a receiver's
    /// answers and timings would map whatever network it stands in. They see when each attempt
    /// was made and whether it delivered (`detailed` false).
    public func webhookDeliveries(endpointID: UUID, limit: Int, startingAfter: String?, request: RequestInfo) async throws
        -> (deliveries: [(delivery: WebhookDelivery, attempts: [WebhookAttempt])], hasMore: Bool, detailed: Bool) {
        try await perform("webhook_delivery.list", scope: .webhooksManage, request: request) {
            _ = try await store.webhookEndpoints.endpoint(id: endpointID)
            var page = try await store.outbox.deliveries(endpointID: endpointID, limit: limit, startingAfter: startingAfter)
            let detailed = request.principal.has(.keysManage)
            if !detailed { page.deliveries = page.deliveries.map(Self.coarse) }
            return ((page.deliveries, page.hasMore, detailed), [])
        }
    }

    /// A delivery without what the receiver answered or how long it took.
    private static func coarse(_ item: (delivery: WebhookDelivery, attempts: [WebhookAttempt])) -> (delivery: WebhookDelivery, attempts: [WebhookAttempt]) {
        var delivery = item.delivery
        delivery.lastStatusCode = nil
        delivery.lastError = nil
        let attempts = item.attempts.map { attempt in
            WebhookAttempt(number: attempt.number, at: attempt.at, statusCode: nil, error: nil, durationMilliseconds: 0)
        }
        return (delivery, attempts)
    }

    public func resendWebhookDelivery(id: String, endpointID: UUID, request: RequestInfo) async throws -> WebhookDelivery {
        try await perform("webhook_delivery.resend", scope: .webhooksManage, request: request) {
            let delivery = try await store.outbox.resend(deliveryID: id, endpointID: endpointID)
            let shown = request.principal.has(.keysManage) ? delivery : Self.coarse((delivery, [])).delivery
            return (shown, [delivery.customerID])
        }
    }

    /// Tamio's `verify-signature`: checks a raw body and the signature headers it came with
    /// (`headers`, names in lower case) against the endpoint's secrets, rejecting timestamps more
    /// than 5 minutes from now. The Standard Webhooks headers when present; otherwise Tamio's
    /// header, for an endpoint that is signed Tamio's way too.
    public func verifyWebhookSignature(endpointID: UUID, headers: [String: String], body: [UInt8],
                                       now: Int64? = nil, request: RequestInfo) async throws {
        let now = now ?? clock.seconds
        try await perform("webhook_endpoint.verify_signature", scope: .webhooksManage, request: request) {
            let endpoint = try await store.webhookEndpoints.endpoint(id: endpointID)
            let secrets = try await store.webhookEndpoints.secrets(endpointID: endpointID)
            do {
                if let signature = headers["webhook-signature"], !signature.isEmpty {
                    guard let id = headers["webhook-id"], !id.isEmpty else { throw FieldError(field: "webhook-id", reason: "header is required") }
                    guard let timestamp = headers["webhook-timestamp"].flatMap({ Int64($0) }) else {
                        throw FieldError(field: "webhook-timestamp", reason: "header is required: Unix seconds")
                    }
                    try WebhookSignature.verify(signature, secrets: secrets, id: id, timestamp: timestamp, body: body, now: now)
                } else if let name = endpoint.tamioSignatureHeader, let signature = headers[name.lowercased()], !signature.isEmpty {
                    try TamioWebhookSignature.verify(signature, secrets: secrets, body: body, now: now)
                } else {
                    let tamio = endpoint.tamioSignatureHeader.map { " (or \($0), this endpoint's Tamio signature)" } ?? ""
                    throw FieldError(field: "webhook-signature", reason: "header is required\(tamio)")
                }
            } catch let failure as WebhookSignature.Failure {
                throw ServiceError.invalidSignature(failure.description)
            }
            return ((), [])
        }
    }
}
