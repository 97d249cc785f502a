import Foundation
import TresorModel

/// API keys: `tk_` followed by 43 base64url characters (256 random bits). A store keeps only a
/// SHA-256 of each secret, the role and the reach.
public protocol APIKeyStore: Sendable {
    /// Creates a key; the secret is returned once and never stored.
    func create(name: String, roleName: String, reach: CustomerReach, compatibility: APICompatibility) async throws
        -> (record: APIKeyRecord, secret: String)
    /// The live key with this secret, or nil. A revocation made elsewhere takes effect within
    /// ``APIKeyRecord/cacheSeconds``.
    func authenticate(secret: String) async throws -> APIKeyRecord?
    /// Every key, revoked ones too, oldest first.
    func list() async throws -> [APIKeyRecord]
    func revoke(id: String) async throws
}

extension APIKeyStore {
    /// Creates a key with Tresor's own answers (``APICompatibility/standard``).
    public func create(name: String, roleName: String, reach: CustomerReach) async throws -> (record: APIKeyRecord, secret: String) {
        try await create(name: name, roleName: roleName, reach: reach, compatibility: .standard)
    }
}

/// An API key as stored: never the secret, only its SHA-256 and a visible prefix.
public struct APIKeyRecord: Sendable, Equatable {
    /// `key_` and 16 hex digits; names the key in logs and the access log.
    public var id: String
    /// The first characters of the secret (`tk_Ab3x`), so people can tell their keys apart.
    public var visiblePrefix: String
    public var name: String
    public var roleName: String
    public var reach: CustomerReach
    /// How the key's answers are shaped.
    public var compatibility: APICompatibility
    public var createdAt: Int64
    public var revokedAt: Int64?

    /// How long a process may trust a key it has checked before looking at its row again: the
    /// bound on how late a revocation made by another process takes effect.
    public static let cacheSeconds: Int64 = 5

    public init(id: String, visiblePrefix: String, name: String, roleName: String, reach: CustomerReach,
                compatibility: APICompatibility = .standard, createdAt: Int64, revokedAt: Int64?) {
        self.id = id
        self.visiblePrefix = visiblePrefix
        self.name = name
        self.roleName = roleName
        self.reach = reach
        self.compatibility = compatibility
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}
