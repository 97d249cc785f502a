import Foundation

/// One event on its way to one endpoint; `id` is the stable `webhook-id` of every attempt.
public struct WebhookDelivery: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        /// Waiting for its first or next attempt.
        case pending
        /// Acknowledged with a 2xx.
        case delivered
        /// Every scheduled attempt failed; can be re-sent.
        case failed
        /// Not sent: the endpoint's country lost its transfer basis, or the endpoint is gone.
        case blocked
    }

    /// `msg_…`
    public var id: String
    public var endpointID: UUID
    /// `whev_…`, the same for every endpoint the event goes to.
    public var eventID: String
    public var event: WebhookEvent
    public var customerID: UUID
    public var status: Status
    public var attempts: Int
    /// Seconds since 1970.
    public var createdAt: Int64
    public var nextAttemptAt: Int64?
    public var deliveredAt: Int64?
    public var lastStatusCode: Int?
    public var lastError: String?

    public init(id: String, endpointID: UUID, eventID: String, event: WebhookEvent, customerID: UUID, status: Status, attempts: Int,
                createdAt: Int64, nextAttemptAt: Int64?, deliveredAt: Int64?, lastStatusCode: Int?, lastError: String?) {
        self.id = id
        self.endpointID = endpointID
        self.eventID = eventID
        self.event = event
        self.customerID = customerID
        self.status = status
        self.attempts = attempts
        self.createdAt = createdAt
        self.nextAttemptAt = nextAttemptAt
        self.deliveredAt = deliveredAt
        self.lastStatusCode = lastStatusCode
        self.lastError = lastError
    }
}

/// One try at sending a delivery.
public struct WebhookAttempt: Sendable, Equatable {
    public var number: Int
    /// Seconds since 1970.
    public var at: Int64
    public var statusCode: Int?
    public var error: String?
    public var durationMilliseconds: Int

    public init(number: Int, at: Int64, statusCode: Int?, error: String?, durationMilliseconds: Int) {
        self.number = number
        self.at = at
        self.statusCode = statusCode
        self.error = error
        self.durationMilliseconds = durationMilliseconds
    }
}
