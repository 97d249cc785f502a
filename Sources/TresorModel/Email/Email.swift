import Foundation

/// One email to one customer, from queueing to its last attempt. The message itself (and the
/// address) is sealed under the customer's data key and dropped once sent; this record, which
/// holds no personal data, is kept for the customer's export ("what was sent to me").
public struct Email: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        /// Waiting for its first or next attempt.
        case queued
        /// Accepted by the relay.
        case sent
        /// Refused by the relay for good, or every attempt used up.
        case failed
        /// The customer was deleted before it went out.
        case cancelled
    }

    /// `em_` and 24 hex digits; also the local part of the Message-ID.
    public var id: String
    public var customerID: UUID
    public var templateID: UUID
    public var templateName: String
    /// The customer fields the message holds (names, never values).
    public var fields: [String]
    public var status: Status
    public var attempts: Int
    /// Who the message goes through: the relay, its country and transfer basis.
    public var relay: String
    /// Unix seconds.
    public var createdAt: Int64
    public var nextAttemptAt: Int64?
    public var sentAt: Int64?
    /// The relay's reply code or the transport failure, never its free text.
    public var lastError: String?

    public init(id: String, customerID: UUID, templateID: UUID, templateName: String, fields: [String], status: Status, attempts: Int, relay: String,
                createdAt: Int64, nextAttemptAt: Int64?, sentAt: Int64?, lastError: String?) {
        self.id = id
        self.customerID = customerID
        self.templateID = templateID
        self.templateName = templateName
        self.fields = fields
        self.status = status
        self.attempts = attempts
        self.relay = relay
        self.createdAt = createdAt
        self.nextAttemptAt = nextAttemptAt
        self.sentAt = sentAt
        self.lastError = lastError
    }
}
