import Foundation

/// A teammate customers can be assigned to. Teammates are people too: their name and email are
/// sealed under a data key of their own.
public struct Teammate: Sendable, Equatable, Codable {
    public var id: UUID
    public var name: String
    public var email: String
    public var createdAt: Int64

    public init(id: UUID, name: String, email: String, createdAt: Int64) {
        self.id = id
        self.name = name
        self.email = email
        self.createdAt = createdAt
    }
}
