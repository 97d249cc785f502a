import Foundation

/// A data subject's request to have their data erased (GDPR Art. 17), from receipt to its end.
public struct ErasureRequest: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        /// Received; identity and grounds being checked.
        case received
        /// Identity verified and no exception applies: to be executed.
        case approved
        /// Refused on a stated ground.
        case rejected
        /// The customer's data was erased.
        case executed
    }

    public var id: UUID
    public var customerID: UUID
    public var receivedOn: CalendarDay
    /// How the request came in: `email`, `letter`, `phone`, `web_form`, `in_person`.
    public var channel: String
    public var status: Status
    public var extensionMonths: Int
    public var extensionReason: String?
    /// Who verified the requester's identity, and how (set on approval).
    public var identityVerifiedBy: String?
    public var identityVerification: String?
    public var rejection: ErasureRejection?
    /// Unix seconds.
    public var createdAt: Int64
    public var decidedAt: Int64?
    public var executedAt: Int64?

    public init(id: UUID, customerID: UUID, receivedOn: CalendarDay, channel: String, status: Status = .received, extensionMonths: Int = 0,
                extensionReason: String? = nil, identityVerifiedBy: String? = nil, identityVerification: String? = nil,
                rejection: ErasureRejection? = nil, createdAt: Int64, decidedAt: Int64? = nil, executedAt: Int64? = nil) {
        self.id = id
        self.customerID = customerID
        self.receivedOn = receivedOn
        self.channel = channel
        self.status = status
        self.extensionMonths = extensionMonths
        self.extensionReason = extensionReason
        self.identityVerifiedBy = identityVerifiedBy
        self.identityVerification = identityVerification
        self.rejection = rejection
        self.createdAt = createdAt
        self.decidedAt = decidedAt
        self.executedAt = executedAt
    }

    public var deadline: ErasureDeadline { ErasureDeadline(receivedOn: receivedOn, extensionMonths: extensionMonths) }

    /// Whether the request still waits for an answer.
    public var isOpen: Bool { status == .received || status == .approved }

    /// The channels a request may come in by.
    public static let channels: Set<String> = ["email", "letter", "phone", "web_form", "in_person"]
}
