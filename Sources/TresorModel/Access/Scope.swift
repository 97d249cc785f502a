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
    /// Reading data retained under legal holds, for the hold's purpose, and running the retention job.
    case complianceRetention = "compliance.retention"
    /// Declaring and releasing legal holds on customers.
    case holdsManage = "holds.manage"
    case auditRead = "audit.read"
    case keysManage = "keys.manage"

    public static func < (lhs: Scope, rhs: Scope) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Scopes whose operations act on the whole deployment rather than on named customers:
    /// webhook endpoints receive events about every customer, API keys can reach any of them, and
    /// teammates' assignments decide other keys' reach. A key narrowed to some customers never
    /// holds these (Docs/security.md).
    public static let deploymentWide: Set<Scope> = [.webhooksManage, .keysManage, .teammatesManage]

    public var isDeploymentWide: Bool { Self.deploymentWide.contains(self) }
}
