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
        requestID = "req_" + (0..<8).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        principal = nil
    }

    /// Request bodies are read by ``JSONBody`` with its own 1 MiB limit.
    public var maxUploadSize: Int { JSONBody.maximumBytes }
}
