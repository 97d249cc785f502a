import Foundation

/// What one operation did to personal data, as the access log records it: everything but the
/// sequence number and time, which the log assigns when it appends the record.
public struct AccessRecord: Sendable, Equatable {
    public enum Outcome: String, Sendable, CaseIterable {
        case ok
        case denied
        case notFound = "not_found"
        case error
    }

    public var actor: AccessActor
    /// `customer.view`, `customer.update`, `customer.list`, `list.add`, `audit.read`, …
    public var action: String
    /// The data subjects touched (customers, teammates), by id.
    public var subjects: [UUID]
    /// Field names touched, never values.
    public var fields: [String]
    /// Why: the `tresor-purpose` header, else the role's default purpose.
    public var purpose: String
    public var requestID: String
    public var outcome: Outcome
    /// Who received the data when it left Tresor (a webhook endpoint, a mail relay), empty otherwise.
    public var recipient: String

    public init(actor: AccessActor, action: String, subjects: [UUID] = [], fields: [String] = [], purpose: String,
                requestID: String, outcome: Outcome = .ok, recipient: String = "") {
        self.actor = actor
        self.action = action
        self.subjects = subjects
        self.fields = fields
        self.purpose = purpose
        self.requestID = requestID
        self.outcome = outcome
        self.recipient = recipient
    }

    /// This record with its subjects and outcome set: what a write commits with its change.
    public func with(subjects: [UUID], outcome: Outcome = .ok) -> AccessRecord {
        var record = self
        record.subjects = subjects
        record.outcome = outcome
        return record
    }
}
