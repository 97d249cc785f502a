import Foundation

/// A mailing list; its name is the business's, not personal data.
public struct MailingList: Sendable, Equatable, Codable {
    public var id: UUID
    public var name: String
    public var createdAt: Int64

    public init(id: UUID, name: String, createdAt: Int64) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
    }
}
