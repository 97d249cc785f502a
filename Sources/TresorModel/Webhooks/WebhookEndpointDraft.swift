import Foundation

/// A webhook endpoint as requested, before validation.
public struct WebhookEndpointDraft: Sendable, Equatable {
    public var url: String?
    public var events: [String]?
    public var country: String?
    public var transferBasis: String?
    public var payload: String?
    public var name: String?
    /// Also sign Tamio's way (only for keys in Tamio compatibility mode)…
    public var tamioSignature: Bool?
    /// …in this header (``defaultTamioSignatureHeader`` when not given).
    public var tamioSignatureHeader: String?

    /// The header Tamio's signature goes in unless the caller names another: Tamio's documents do
    /// not name theirs (Docs/api.md "Compatibility mode").
    public static let defaultTamioSignatureHeader = "Tamio-Signature"

    public init(url: String?, events: [String]?, country: String?, transferBasis: String? = nil, payload: String? = nil, name: String? = nil) {
        self.name = name
        self.url = url
        self.events = events
        self.country = country
        self.transferBasis = transferBasis
        self.payload = payload
    }

    /// The checked parts of a draft, before the destination is looked up.
    public struct Checked: Sendable, Equatable {
        public var url: String
        public var host: String
        /// Plain `http`, allowed only to loopback with the operator's development flag.
        public var isPlainHTTP: Bool
        public var events: [WebhookEvent]
        /// The country the caller says the receiver is in; residency.yaml has the last word.
        public var country: CountryCode?
        public var payload: WebhookPayload
        public var name: String?
        /// Where Tamio's signature goes, when the endpoint wants one.
        public var tamioSignatureHeader: String?
    }

    /// The checked parts: an absolute `https` URL without credentials (`http` only when
    /// `allowsPlainHTTP`, the development flag), known events without repeats, a country code if
    /// one is given, and the payload mode (default minimal).
    public func validated(allowsPlainHTTP: Bool = false) throws -> Checked {
        guard let url, !url.isEmpty else { throw FieldError(field: "url", reason: "is required") }
        guard url.count <= 2_048, let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), let host = parsed.host, !host.isEmpty,
              parsed.user == nil, parsed.password == nil else {
            throw FieldError(field: "url", reason: "must be an absolute https URL without credentials, at most 2048 characters")
        }
        guard scheme == "https" || (scheme == "http" && allowsPlainHTTP) else {
            throw FieldError(field: "url", reason: "must use https")
        }
        guard let names = events, !names.isEmpty else { throw FieldError(field: "events", reason: "is required: one or more of \(Self.eventNames)") }
        var chosen: [WebhookEvent] = []
        for (index, name) in names.enumerated() {
            guard let event = WebhookEvent(rawValue: name) else { throw FieldError(field: "events[\(index)]", reason: "must be one of \(Self.eventNames)") }
            if !chosen.contains(event) { chosen.append(event) }
        }
        let checkedCountry = try country.map { code -> CountryCode in
            guard let country = CountryCode(code) else { throw FieldError(field: "country", reason: "must be an ISO 3166-1 alpha-2 country code") }
            return country
        }
        let mode = try payload.map { text -> WebhookPayload in
            guard let mode = WebhookPayload(rawValue: text) else { throw FieldError(field: "payload", reason: "must be minimal or full") }
            return mode
        } ?? .minimal
        let checkedName = try name.map { text -> String in
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard (1...100).contains(trimmed.count), !trimmed.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) else {
                throw FieldError(field: "name", reason: "must be 1 to 100 characters without control characters")
            }
            return trimmed
        }
        return Checked(url: url, host: host, isPlainHTTP: scheme == "http", events: chosen, country: checkedCountry, payload: mode, name: checkedName,
                       tamioSignatureHeader: try checkedTamioHeader())
    }

    /// The header for Tamio's signature: nil unless `tamio_signature` is true; a header name of
    /// letters, digits and hyphens that no delivery header already uses.
    private func checkedTamioHeader() throws -> String? {
        guard tamioSignature == true else {
            if tamioSignatureHeader != nil {
                throw FieldError(field: "tamio_signature_header", reason: "is given only with tamio_signature: true")
            }
            return nil
        }
        let header = tamioSignatureHeader ?? Self.defaultTamioSignatureHeader
        let reserved: Set<String> = ["content-type", "content-length", "user-agent", "host", "webhook-id", "webhook-timestamp", "webhook-signature"]
        guard (1...64).contains(header.count), header.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-") }),
              !reserved.contains(header.lowercased()) else {
            throw FieldError(field: "tamio_signature_header", reason: "must be 1 to 64 letters, digits and hyphens, and not a header deliveries already carry")
        }
        return header
    }

    static var eventNames: String { WebhookEvent.allCases.map(\.rawValue).joined(separator: ", ") }
}
