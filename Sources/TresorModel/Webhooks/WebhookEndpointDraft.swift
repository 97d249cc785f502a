import Foundation

/// A webhook endpoint as requested, before validation.
public struct WebhookEndpointDraft: Sendable, Equatable {
    public var url: String?
    public var events: [String]?
    public var country: String?
    public var transferBasis: String?
    public var payload: String?

    public init(url: String?, events: [String]?, country: String?, transferBasis: String? = nil, payload: String? = nil) {
        self.url = url
        self.events = events
        self.country = country
        self.transferBasis = transferBasis
        self.payload = payload
    }

    /// The checked parts: an `https` URL (plain `http` only to this machine, for development),
    /// known events without repeats, a country code, and the payload mode (default minimal).
    public func validated() throws -> (url: String, events: [WebhookEvent], country: CountryCode, payload: WebhookPayload) {
        guard let url, !url.isEmpty else { throw FieldError(field: "url", reason: "is required") }
        guard url.count <= 2_048, let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), let host = parsed.host, !host.isEmpty,
              parsed.user == nil, parsed.password == nil else {
            throw FieldError(field: "url", reason: "must be an absolute https URL without credentials, at most 2048 characters")
        }
        let loopback = ["localhost", "127.0.0.1", "::1", "[::1]"].contains(host.lowercased())
        guard scheme == "https" || (scheme == "http" && loopback) else {
            throw FieldError(field: "url", reason: "must use https (plain http is allowed only to localhost)")
        }
        guard let names = events, !names.isEmpty else { throw FieldError(field: "events", reason: "is required: one or more of \(Self.eventNames)") }
        var chosen: [WebhookEvent] = []
        for (index, name) in names.enumerated() {
            guard let event = WebhookEvent(rawValue: name) else { throw FieldError(field: "events[\(index)]", reason: "must be one of \(Self.eventNames)") }
            if !chosen.contains(event) { chosen.append(event) }
        }
        guard let code = country, let country = CountryCode(code) else {
            throw FieldError(field: "country", reason: "is required: the ISO 3166-1 alpha-2 code of where the receiver runs")
        }
        let mode = try payload.map { text -> WebhookPayload in
            guard let mode = WebhookPayload(rawValue: text) else { throw FieldError(field: "payload", reason: "must be minimal or full") }
            return mode
        } ?? .minimal
        return (url, chosen, country, mode)
    }

    static var eventNames: String { WebhookEvent.allCases.map(\.rawValue).joined(separator: ", ") }
}
