import TresorModel
import TresorStore

/// Why the service refused an operation, beyond what the store reports.
public enum ServiceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The caller's role lacks the scope the operation needs.
    case missingScope(Scope)
    /// The caller's role holds a deployment-wide scope, but its key is narrowed to some customers.
    case narrowedKeyScope(Scope)
    /// An API key asked to create or revoke a key whose role has scopes the caller lacks.
    case beyondOwnScopes([Scope])
    /// A bulk request with more items than allowed.
    case tooManyItems(field: String, limit: Int)
    /// A recipient in a third country without an adequacy decision or a recorded transfer basis.
    case transferRefused(country: String, policyFile: String)
    /// A webhook signature that does not verify.
    case invalidSignature(String)
    /// `send-email` on a server started without a mail relay.
    case emailNotConfigured
    /// No customer has the email address an export asked for.
    case noSubjectFound
    /// A step an erasure request's state does not allow (approving a rejected one, a second extension).
    case invalidTransition(String)
    /// An export asked of a service built without an exporter (no audit signing key).
    case exportNotConfigured
    /// Retained data asked for a purpose other than the one its legal hold allows.
    case wrongPurpose

    public var description: String {
        switch self {
        case let .missingScope(scope): return "this API key lacks the scope \(scope.rawValue)"
        case let .narrowedKeyScope(scope):
            return "this API key is narrowed to some customers, and \(scope.rawValue) acts on every customer: use a key that is not narrowed"
        case let .beyondOwnScopes(scopes):
            return "this API key cannot create or revoke a key with scopes it does not hold itself: \(scopes.map(\.rawValue).joined(separator: ", "))"
        case let .tooManyItems(field, limit): return "\(field) may hold at most \(limit) items"
        case let .transferRefused(country, policyFile):
            return "\(country) is outside the EU/EEA, has no EU adequacy decision, and \(policyFile) records no transfer basis for it (transfer_bases)"
        case let .invalidSignature(reason): return "invalid payload: \(reason)"
        case let .invalidTransition(reason): return reason
        case .noSubjectFound: return "no subject found: no customer has this email address"
        case .wrongPurpose:
            return "data retained under this legal hold may be read only for the purpose the hold was declared for (header tresor-purpose); the hold's owner knows it"
        case .exportNotConfigured: return "exports are not available: the deployment has no audit signing key"
        case .emailNotConfigured: return "email is not configured on this server: start tresor serve with --smtp-host, --smtp-sender and --smtp-country"
        }
    }
}
