import Foundation

/// A teammate customers can be assigned to. Teammates are people too: their name, last name and
/// email are sealed under a data key of their own.
public struct Teammate: Sendable, Equatable {
    public var id: UUID
    public var name: String
    public var lastName: String?
    public var email: String
    /// A role of `policies/roles.yaml` (Tamio's teammate role, mapped onto Tresor's).
    public var role: String?
    public var country: CountryCode?
    public var createdAt: Int64

    public init(id: UUID, name: String, lastName: String? = nil, email: String, role: String? = nil, country: CountryCode? = nil, createdAt: Int64) {
        self.id = id
        self.name = name
        self.lastName = lastName
        self.email = email
        self.role = role
        self.country = country
        self.createdAt = createdAt
    }
}
