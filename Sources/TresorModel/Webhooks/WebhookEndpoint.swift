import Foundation

/// A URL that receives customer events, signed with its own secret.
public struct WebhookEndpoint: Sendable, Equatable {
    public var id: UUID
    /// What the operator calls the receiving system ("CRM", "Warehouse"): how a subject's
    /// statement names it. Not personal data.
    public var name: String?
    public var url: String
    public var events: [WebhookEvent]
    /// Where the receiver is: ISO 3166-1 alpha-2.
    public var country: CountryCode
    /// The legal basis recorded in `policies/residency.yaml` for a country outside the EU/EEA
    /// without an adequacy decision; nil otherwise.
    public var transferBasis: String?
    public var payload: WebhookPayload
    /// Seconds since 1970.
    public var createdAt: Int64
    /// Set when the receiver answered 410 Gone (or an admin disabled it): nothing is delivered.
    public var disabledAt: Int64?
    /// Until when the previous secret still signs, after a rotation.
    public var previousSecretExpiresAt: Int64?
    /// When set, deliveries also carry Tamio's signature (`t=…,s=…`) in this header, beside the
    /// Standard Webhooks headers (endpoints registered by a key in Tamio compatibility mode).
    public var tamioSignatureHeader: String?
    /// The role of the key that registered the endpoint: its field policy (roles.yaml `fields:`)
    /// shapes full payloads, so an endpoint receives no more than its owner may read. Nil for
    /// endpoints registered before roles were recorded, which receive what `admin` reads.
    public var roleName: String?

    public init(id: UUID, name: String? = nil, url: String, events: [WebhookEvent], country: CountryCode, transferBasis: String?, payload: WebhookPayload,
                createdAt: Int64, disabledAt: Int64? = nil, previousSecretExpiresAt: Int64? = nil, tamioSignatureHeader: String? = nil,
                roleName: String? = nil) {
        self.id = id
        self.name = name
        self.url = url
        self.events = events
        self.country = country
        self.transferBasis = transferBasis
        self.payload = payload
        self.createdAt = createdAt
        self.disabledAt = disabledAt
        self.previousSecretExpiresAt = previousSecretExpiresAt
        self.tamioSignatureHeader = tamioSignatureHeader
        self.roleName = roleName
    }

    public var host: String { URL(string: url)?.host ?? "" }
}
