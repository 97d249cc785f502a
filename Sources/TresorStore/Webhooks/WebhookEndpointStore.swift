import Foundation
import TresorCrypto
import TresorModel

/// Webhook endpoints and their secrets. A secret is shown once, when created or rotated, and
/// stored sealed under a key derived from the master key.
public protocol WebhookEndpointStore: Sendable {
    /// Stores a new endpoint, named `name` by the operator; returns it with its secret, to show
    /// once. Refuses more than ``WebhookEndpointLimits/maximumEndpoints``. With
    /// `tamioSignatureHeader`, deliveries are also signed Tamio's way in that header. `roleName`
    /// is the registering key's role, whose field policy shapes full payloads.
    func create(name: String?, url: String, events: [WebhookEvent], country: CountryCode, transferBasis: String?,
                payload: WebhookPayload, tamioSignatureHeader: String?, roleName: String?) async throws -> (WebhookEndpoint, WebhookSecret)
    func endpoint(id: UUID) async throws -> WebhookEndpoint
    /// Every endpoint, oldest first.
    func endpoints() async throws -> [WebhookEndpoint]
    /// Deletes the endpoint and its pending deliveries.
    func delete(id: UUID) async throws
    /// A new secret; the previous one keeps signing for ``WebhookEndpointLimits/rotationOverlap`` seconds.
    func rotateSecret(id: UUID) async throws -> (WebhookEndpoint, WebhookSecret)
    /// The secrets that sign deliveries now: the current one, and the previous one during the overlap.
    func secrets(endpointID: UUID) async throws -> [WebhookSecret]
    /// Stops deliveries to the endpoint (its host left the residency policy).
    func disable(id: UUID) async throws
}

extension WebhookEndpointStore {
    /// Stores a new endpoint without a name, signed the Standard Webhooks way only.
    public func create(url: String, events: [WebhookEvent], country: CountryCode, transferBasis: String?,
                       payload: WebhookPayload) async throws -> (WebhookEndpoint, WebhookSecret) {
        try await create(name: nil, url: url, events: events, country: country, transferBasis: transferBasis, payload: payload,
                         tamioSignatureHeader: nil, roleName: nil)
    }

    /// How a subject's statement and export name the endpoint as a recipient: its name when it
    /// has one, its host and country, and the basis of a transfer outside the EU/EEA.
    public static func recipient(name: String?, id: String, host: String, country: CountryCode, transferBasis: String?) -> String {
        var recipient = name.map { "\($0) (webhook endpoint at \(host), \(country.code))" } ?? "webhook endpoint \(id) at \(host) (\(country.code))"
        if let transferBasis { recipient += ", transfer basis: \(transferBasis)" }
        return recipient
    }
}

/// Limits every webhook endpoint store keeps.
public enum WebhookEndpointLimits {
    /// How long the previous secret keeps signing after a rotation.
    public static let rotationOverlap: Int64 = 86_400
    /// Tamio's limit.
    public static let maximumEndpoints = 100
}
