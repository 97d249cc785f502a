import Hummingbird
import NIOCore
import TresorModel
import TresorService

/// Per-request state: the request id every response carries, and the authenticated caller.
public struct TresorRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// `req_` and 16 hex digits, echoed in the `request-id` header and in problem details.
    public var requestID: String
    /// Set by ``AuthenticationMiddleware`` for `/v2` routes.
    public var principal: Principal?
    /// The `tresor-purpose` header, once checked against processing.yaml; nil when none was sent.
    public var purpose: String?
    /// The connected client's address, when the server knows it.
    public let remoteAddress: SocketAddress?

    public init(source: Source) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
        // The top bit is always set, so the hex form always has exactly 16 digits.
        requestID = "req_" + String(UInt64.random(in: 0...UInt64.max) | (1 << 63), radix: 16)
        principal = nil
        purpose = nil
    }

    /// How much of each customer field the caller sees (its role's `fields:`); the same policy
    /// the service applied to the values.
    var fieldPolicy: FieldPolicy {
        guard let principal else { return .plain }
        return RequestInfo(principal: principal, requestID: requestID, purpose: purpose).fieldPolicy
    }

    /// The client's address as logging and rate limits name it (no port).
    var clientAddress: String {
        guard let address = remoteAddress else { return "unknown" }
        return address.ipAddress ?? "unknown"
    }

    /// Request bodies are read by ``JSONBody`` with its own 1 MiB limit.
    public var maxUploadSize: Int { JSONBody.maximumBytes }
}
