import Hummingbird
import TresorModel

/// Per-request state: the request id every response carries, and the authenticated caller.
public struct TresorRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// `req_` and 16 hex digits, echoed in the `request-id` header and in problem details.
    public var requestID: String
    /// Set by ``AuthenticationMiddleware`` for `/v2` routes.
    public var principal: Principal?

    public init(source: Source) {
        coreContext = .init(source: source)
        // The top bit is always set, so the hex form always has exactly 16 digits.
        requestID = "req_" + String(UInt64.random(in: 0...UInt64.max) | (1 << 63), radix: 16)
        principal = nil
    }

    /// Request bodies are read by ``JSONBody`` with its own 1 MiB limit.
    public var maxUploadSize: Int { JSONBody.maximumBytes }
}
