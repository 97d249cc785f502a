import TresorModel
import TresorStore

/// Why the service refused an operation, beyond what the store reports.
public enum ServiceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The caller's role lacks the scope the operation needs.
    case missingScope(Scope)
    /// A bulk request with more items than allowed.
    case tooManyItems(field: String, limit: Int)

    public var description: String {
        switch self {
        case let .missingScope(scope): return "this API key lacks the scope \(scope.rawValue)"
        case let .tooManyItems(field, limit): return "\(field) may hold at most \(limit) items"
        }
    }
}
