import Foundation

/// A teammate as Tamio's create and update bodies give it. On create `name` and `email` are
/// required; on update nil leaves a field as it is.
public struct TeammateDraft: Sendable, Equatable {
    public var name: String?
    public var lastName: String?
    public var email: String?
    public var role: String?
    public var country: String?

    public init(name: String? = nil, lastName: String? = nil, email: String? = nil, role: String? = nil, country: String? = nil) {
        self.name = name
        self.lastName = lastName
        self.email = email
        self.role = role
        self.country = country
    }

    /// A new teammate with this draft's fields, checked.
    public func validated(id: UUID, now: Int64) throws -> Teammate {
        try applied(to: Teammate(id: id, name: try FieldRules.requiredText(name, field: "name"),
                                 email: try FieldRules.email(email, field: "email", required: true)!, createdAt: now))
    }

    /// `teammate` with the fields this draft gives, checked.
    public func applied(to teammate: Teammate) throws -> Teammate {
        var updated = teammate
        if let name { updated.name = try FieldRules.requiredText(name, field: "name") }
        if let lastName { updated.lastName = try FieldRules.optionalText(lastName, field: "last_name") }
        if let email { updated.email = try FieldRules.email(email, field: "email", required: true)! }
        if let role {
            guard (1...64).contains(role.count), role.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                throw FieldError(field: "role", reason: "must be the name of a role of roles.yaml")
            }
            updated.role = role
        }
        if let country { updated.country = try FieldRules.country(country, field: "country", required: true) }
        return updated
    }
}
