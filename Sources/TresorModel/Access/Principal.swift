/// Who is calling: an API key with its role and reach, or the operator at the command line.
public struct Principal: Sendable, Equatable {
    /// The API key id (`key_…`), or `operator` for the CLI.
    public var id: String
    public var name: String
    public var role: Role
    public var reach: CustomerReach
    /// How the caller's answers are shaped (an API key's compatibility mode).
    public var compatibility: APICompatibility

    public init(id: String, name: String, role: Role, reach: CustomerReach, compatibility: APICompatibility = .standard) {
        self.id = id
        self.name = name
        self.role = role
        self.reach = reach
        self.compatibility = compatibility
    }

    /// Whether the caller may use `scope`. A narrowed caller (a narrowed key, or a role with a
    /// row filter) never holds a deployment-wide scope, whatever its role says (keys made before
    /// such keys were refused at creation included).
    public func has(_ scope: Scope) -> Bool {
        guard role.scopes.contains(scope) else { return false }
        return !isNarrowed || !scope.isDeploymentWide
    }

    /// Whether the caller reaches only some customers: its key is narrowed, or its role has a row filter.
    public var isNarrowed: Bool { reach != .all || role.rows != nil }
}
