import Foundation
import TresorCrypto

/// Idempotency keys (Stripe's semantics): the first response to a key is kept for
/// ``IdempotencyScope/retention`` and replayed for the same key, API key, method and endpoint.
/// Responses can hold personal data, so a store keeps them sealed, and forgets the records naming
/// a subject with that subject.
public protocol IdempotencyStore: Sendable {
    typealias Scope = IdempotencyScope
    typealias Claim = IdempotencyClaim

    func claim(_ scope: IdempotencyScope, requestHash: [UInt8]) async throws -> IdempotencyClaim
    func complete(_ scope: IdempotencyScope, status: Int, body: Data, subjects: [String]) async throws
    func release(_ scope: IdempotencyScope) async throws
}

/// What a new request with an idempotency key may do.
public enum IdempotencyClaim: Sendable, Equatable {
    /// First use: go ahead, then ``complete(_:status:body:subjects:)`` or ``release(_:)``.
    case claimed
    /// Seen before with the same request: send this again.
    case replay(status: Int, body: Data)
    /// The first request with this key is still running.
    case inProgress
    /// The key was used with a different request.
    case mismatch
}

/// Identifies one idempotency key of one caller on one endpoint.
public struct IdempotencyScope: Sendable {
    public var apiKeyID: String
    public var method: String
    public var path: String
    public var key: String

    public init(apiKeyID: String, method: String, path: String, key: String) {
        self.apiKeyID = apiKeyID
        self.method = method
        self.path = path
        self.key = key
    }

    package var keyHash: Data { Data((try? SHA256.hash(Array(key.utf8))) ?? []) }
    package var associatedData: [UInt8] { Array("\(apiKeyID)\n\(method)\n\(path)\n".utf8) + Array(keyHash) }

    /// How long a key is remembered.
    public static let retention: Int64 = 86_400
}
