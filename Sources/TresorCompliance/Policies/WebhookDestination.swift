import Foundation
import TresorModel

/// One entry of `webhook_destinations` in residency.yaml: a host (or every subdomain of a domain,
/// written `*.domain`) that webhook endpoints may point to, and the country its receiver runs in.
public struct WebhookDestination: Sendable, Equatable {
    /// The host, lower case, or the domain whose subdomains match (without `*.`).
    public let host: String
    public let includesSubdomains: Bool
    public let country: CountryCode

    /// Nil when the pattern is not a host name or `*.` and a domain, or the country is missing.
    public init?(pattern: String, country: CountryCode?) {
        guard let country else { return nil }
        var name = pattern.lowercased()
        includesSubdomains = name.hasPrefix("*.")
        if includesSubdomains { name.removeFirst(2) }
        guard !name.isEmpty, !name.contains("*"), !name.contains("/"), !name.contains(" "), !name.contains(":") || NetworkAddress(literal: name) != nil
        else { return nil }
        host = name
        self.country = country
    }

    public func matches(_ candidate: String) -> Bool {
        let candidate = candidate.lowercased()
        return includesSubdomains ? candidate.hasSuffix("." + host) : candidate == host
    }
}

extension ResidencyPolicy {
    /// The country residency.yaml gives for webhooks to `host`, or nil when the host is not an
    /// allowed destination.
    public func webhookCountry(forHost host: String) -> CountryCode? {
        webhookDestinations.first { $0.matches(host) }?.country
    }
}
