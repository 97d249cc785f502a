/// How far an API key reaches among customers.
public enum CustomerReach: Sendable, Equatable, Codable {
    /// Every customer.
    case all
    /// Only these customers.
    case customers(Set<String>)
    /// Only customers assigned to this teammate.
    case assignedTo(teammateID: String)
}
