/// A permission an API key can hold. Roles (policies/roles.yaml) are named sets of scopes.
public enum Scope: String, Sendable, CaseIterable, Codable, Comparable {
    case customersView = "customers.view"
    case customersEdit = "customers.edit"
    case customersCreate = "customers.create"
    case customersRemove = "customers.remove"
    case customersEmail = "customers.email"
    case listsManage = "lists.manage"
    case teammatesManage = "teammates.manage"
    case webhooksManage = "webhooks.manage"
    case complianceExport = "compliance.export"
    case complianceErasure = "compliance.erasure"
    case auditRead = "audit.read"
    case keysManage = "keys.manage"

    public static func < (lhs: Scope, rhs: Scope) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// How far an API key reaches among customers.
public enum CustomerReach: Sendable, Equatable, Codable {
    /// Every customer.
    case all
    /// Only these customers.
    case customers(Set<String>)
    /// Only customers assigned to this teammate.
    case assignedTo(teammateID: String)
}

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

/// Who is calling: an API key with its role and reach, or the operator at the command line.
public struct Principal: Sendable, Equatable {
    /// The API key id (`key_…`), or `operator` for the CLI.
    public var id: String
    public var name: String
    public var role: Role
    public var reach: CustomerReach

    public init(id: String, name: String, role: Role, reach: CustomerReach) {
        self.id = id
        self.name = name
        self.role = role
        self.reach = reach
    }

    public func has(_ scope: Scope) -> Bool { role.scopes.contains(scope) }
}
