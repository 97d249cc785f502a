import AsyncHTTPClient
import NIOCore
import TresorModel

/// HTTP clients that connect to an address Tresor has checked, not to whatever a second lookup
/// of the name returns (DNS rebinding): one client per host and address, through
/// AsyncHTTPClient's `dnsOverride`, so TLS still verifies the certificate against the host name.
actor PinnedHTTPClients {
    /// Clients kept at most; past this all are closed and made anew (in-flight attempts fail and
    /// are retried with the same `webhook-id`).
    static let capacity = 256

    private var clients: [String: HTTPClient] = [:]
    private let configure: @Sendable (inout HTTPClient.Configuration) -> Void

    /// - Parameter configure: timeouts, redirects and the like, applied to every client.
    init(configure: @escaping @Sendable (inout HTTPClient.Configuration) -> Void) {
        self.configure = configure
    }

    /// The client that reaches `host` at `address`.
    func client(host: String, address: NetworkAddress) async -> HTTPClient {
        let key = "\(host.lowercased()) \(address)"
        if let client = clients[key] { return client }
        if clients.count >= Self.capacity { await closeAll() }
        var configuration = HTTPClient.Configuration()
        configure(&configuration)
        configuration.dnsOverride = [host: address.description]
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        clients[key] = client
        return client
    }

    /// Closes every client.
    func closeAll() async {
        let closing = clients.values
        clients = [:]
        for client in closing { try? await client.shutdown() }
    }
}
