import Foundation
import TresorModel

/// The transactional outbox for emails: a queued email is written, sealed under the customer's
/// data key, in the same unit of work as its access-log entry; the delivery worker takes it from
/// here until the relay accepts it, refuses it for good, or its attempts are used up.
public protocol EmailOutbox: Sendable {
    typealias Draft = EmailDraft
    typealias AttemptOutcome = EmailAttemptOutcome
    typealias AttemptResult = EmailAttemptResult

    /// Seals and queues the drafts, with `record` (naming the customers queued for), in one unit
    /// of work. A customer deleted meanwhile is skipped; returns the ids of the customers queued for.
    func enqueue(_ drafts: [EmailDraft], recording record: AccessRecord) async throws -> Set<UUID>
    /// Up to `limit` emails due now, opened for sending.
    func dueEmails(limit: Int) async throws -> [DueEmail]
    /// Records a batch of attempts and their access-log entries in one unit of work. A sent or
    /// failed email's message is dropped.
    func record(_ results: [EmailAttemptResult]) async throws
    /// Emails newest first, optionally of one customer and one status, paged by id.
    func emails(customerID: UUID?, status: Email.Status?, limit: Int, startingAfter: String?) async throws -> (emails: [Email], hasMore: Bool)
    /// Every email to the customer, oldest first, with the address it went to (nil when it cannot
    /// be opened any more): what the subject's export lists as sent.
    func emails(customerID: UUID) async throws -> [(email: Email, address: String?)]
}

extension EmailDraft {
    /// A new email id: `em_` and 24 hex digits.
    public static func newID() -> String { "em_" + RandomID.hex(bytes: 12) }
}

/// An email ready to be queued: the rendered message and its recipient, in clear until sealed here.
public struct EmailDraft: Sendable {
    public var id: String
    public var customerID: UUID
    public var template: EmailTemplate
    public var recipient: String
    public var message: [UInt8]
    /// The customer fields the message holds.
    public var fields: [String]
    public var relay: String

    public init(id: String, customerID: UUID, template: EmailTemplate, recipient: String, message: [UInt8], fields: [String], relay: String) {
        self.id = id
        self.customerID = customerID
        self.template = template
        self.recipient = recipient
        self.message = message
        self.fields = fields
        self.relay = relay
    }
}

/// What the worker needs to send one email.
public struct DueEmail: Sendable {
    public var email: Email
    public var recipient: String
    public var message: [UInt8]

    public init(email: Email, recipient: String, message: [UInt8]) {
        self.email = email
        self.recipient = recipient
        self.message = message
    }
}

/// How one attempt ended.
public enum EmailAttemptOutcome: Sendable, Equatable {
    case sent
    case retry(error: String, at: Int64)
    case failed(error: String)
}

/// The result of one attempt, as ``record(_:)`` stores it.
public struct EmailAttemptResult: Sendable {
    public var email: Email
    public var outcome: EmailAttemptOutcome
    /// The access-log entry of the attempt.
    public var access: AccessRecord

    public init(email: Email, outcome: EmailAttemptOutcome, access: AccessRecord) {
        self.email = email
        self.outcome = outcome
        self.access = access
    }
}
