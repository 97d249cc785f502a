import Foundation
import TresorModel
#if canImport(Glibc)
import Glibc
#endif

/// Where webhook deliveries may connect: checked when an endpoint is registered and again before
/// every delivery (a name can resolve elsewhere by then: DNS rebinding). Every address a host
/// resolves to must be public; the delivery then connects to an address checked here, not to a
/// fresh lookup. With ``allowsLoopback`` (the operator's development flag) plain `http` and
/// loopback addresses are allowed too, for a receiver on the same machine.
public struct WebhookDestinationCheck: Sendable {
    /// Looks a host name up; returns its addresses (none when it does not resolve).
    public typealias Resolver = @Sendable (String) async -> [NetworkAddress]

    public let allowsLoopback: Bool
    let resolve: Resolver

    public init(allowsLoopback: Bool = false, resolver: @escaping Resolver = WebhookDestinationCheck.systemResolver) {
        self.allowsLoopback = allowsLoopback
        self.resolve = resolver
    }

    /// Production: https to public addresses only.
    public static let production = WebhookDestinationCheck()
    /// `tresor serve --allow-loopback-webhooks`: also plain http and loopback, for development.
    public static let development = WebhookDestinationCheck(allowsLoopback: true)

    /// The addresses `host` may be reached at, every one of them allowed; throws a ``FieldError``
    /// on `url` saying why not. Names of the local network (`localhost`, `*.internal`, `*.local`,
    /// single labels) and numeric hosts other than standard IP literals are refused outright.
    public func addresses(of host: String) async throws -> [NetworkAddress] {
        let name = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        if NetworkAddress.isLegacyNumericHost(name) {
            throw FieldError(field: "url", reason: "uses a numeric host form other than a dotted-decimal IPv4 or an IPv6 literal")
        }
        let addresses: [NetworkAddress]
        if let literal = NetworkAddress(literal: name) {
            addresses = [literal]
        } else {
            let isLocalName = name == "localhost" || name.hasSuffix(".localhost")
            guard isLocalName ? allowsLoopback : (name.contains(".") && !name.hasSuffix(".internal") && !name.hasSuffix(".local")) else {
                throw FieldError(field: "url", reason: "names a host of a local network, not a public one")
            }
            addresses = await resolve(name)
            guard !addresses.isEmpty else { throw FieldError(field: "url", reason: "names a host that does not resolve") }
        }
        for address in addresses {
            guard let kind = address.nonPublicKind else { continue }
            if kind == .loopback && allowsLoopback { continue }
            throw FieldError(field: "url", reason: "resolves to a \(kind.rawValue) address; webhooks go to public addresses only")
        }
        return addresses
    }

    /// The C library's resolver (`getaddrinfo`), run off the concurrency pool's threads.
    public static let systemResolver: Resolver = { host in
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: lookUp(host)) }
        }
    }

    private static func lookUp(_ host: String) -> [NetworkAddress] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var first: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &first) == 0 else { return [] }
        defer { freeaddrinfo(first) }
        var found: [NetworkAddress] = []
        var entry = first
        while let info = entry?.pointee {
            if info.ai_family == AF_INET, let raw = info.ai_addr {
                let bytes = raw.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                    withUnsafeBytes(of: pointer.pointee.sin_addr) { Array($0) }
                }
                NetworkAddress(bytes: bytes).map { if !found.contains($0) { found.append($0) } }
            } else if info.ai_family == AF_INET6, let raw = info.ai_addr {
                let bytes = raw.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                    withUnsafeBytes(of: pointer.pointee.sin6_addr) { Array($0) }
                }
                NetworkAddress(bytes: bytes).map { if !found.contains($0) { found.append($0) } }
            }
            entry = info.ai_next
        }
        return found
    }
}
