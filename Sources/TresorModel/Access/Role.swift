/// A role: a name and the scopes it grants.
public struct Role: Sendable, Equatable {
    public var name: String
    public var scopes: Set<Scope>
    /// The purpose recorded for this role's accesses when a request names none.
    public var defaultPurpose: String
    /// Whether keys of this role are narrowed to assigned customers unless told otherwise.
    public var assignedCustomersOnly: Bool
    /// How much of each customer field the role's keys see.
    public var fields: FieldPolicy
    /// The purposes the role's keys may state in `Tresor-Purpose`; nil: any purpose of
    /// processing.yaml. The default purpose is always allowed.
    public var allowedPurposes: Set<String>?
    /// The customers the role's keys may reach at all (`rows:`); nil: every customer.
    public var rows: RowFilter?

    public init(name: String, scopes: Set<Scope>, defaultPurpose: String, assignedCustomersOnly: Bool = false, fields: FieldPolicy = .plain) {
        self.name = name
        self.scopes = scopes
        self.defaultPurpose = defaultPurpose
        self.assignedCustomersOnly = assignedCustomersOnly
        self.fields = fields
        allowedPurposes = nil
        rows = nil
    }

    /// Whether keys of this role may state `purpose`.
    public func mayUse(purpose: String) -> Bool {
        purpose == defaultPurpose || allowedPurposes?.contains(purpose) ?? true
    }

    /// The deployment-wide scopes this role holds, which a narrowed key of it may not use.
    public var deploymentWideScopes: [Scope] { scopes.filter(\.isDeploymentWide).sorted() }

    /// Refuses to narrow a key of this role when the role holds a deployment-wide scope; the
    /// message names the scopes and says what to do instead.
    public func checkNarrowing(_ reach: CustomerReach) throws(NarrowingRefusal) {
        let wide = deploymentWideScopes
        guard reach == .all || wide.isEmpty else { throw NarrowingRefusal(role: name, scopes: wide) }
    }
}

/// A narrowed key asked for a role that acts on every customer.
public struct NarrowingRefusal: Error, Sendable, CustomStringConvertible {
    public var role: String
    public var scopes: [Scope]

    public var description: String {
        "role \(role) holds \(scopes.map(\.rawValue).joined(separator: ", ")), which act on every customer, so its keys cannot be "
            + "narrowed to some customers: choose a role without them, or leave the key unnarrowed"
    }
}
