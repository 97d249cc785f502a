/// A role: a name and the scopes it grants.
public struct Role: Sendable, Equatable {
    public var name: String
    public var scopes: Set<Scope>
    /// The purpose recorded for this role's accesses when a request names none.
    public var defaultPurpose: String
    /// Whether keys of this role are narrowed to assigned customers unless told otherwise.
    public var assignedCustomersOnly: Bool

    public init(name: String, scopes: Set<Scope>, defaultPurpose: String, assignedCustomersOnly: Bool = false) {
        self.name = name
        self.scopes = scopes
        self.defaultPurpose = defaultPurpose
        self.assignedCustomersOnly = assignedCustomersOnly
    }
}
