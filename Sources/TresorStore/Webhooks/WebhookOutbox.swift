import Foundation
import TresorCrypto
import TresorModel

/// The transactional outbox for webhooks as the delivery worker and the API see it. Events are
/// written by the customer store in the same unit of work as the change they describe; the worker
/// takes them from here, in order per customer and endpoint, until each is acknowledged.
public protocol WebhookOutbox: Sendable {
    typealias DueDelivery = WebhookDueDelivery
    typealias AttemptOutcome = WebhookAttemptOutcome
    typealias AttemptResult = WebhookAttemptResult

    /// Up to `limit` deliveries due now, the oldest first, at most one per customer and endpoint.
    func dueDeliveries(limit: Int) async throws -> [WebhookDueDelivery]
    /// Records a batch of attempts and their access-log entries in one unit of work.
    func record(_ results: [WebhookAttemptResult]) async throws
    /// An endpoint's deliveries, newest first, paged by delivery id, each with its attempts.
    func deliveries(endpointID: UUID, limit: Int, startingAfter: String?) async throws
        -> (deliveries: [(delivery: WebhookDelivery, attempts: [WebhookAttempt])], hasMore: Bool)
    /// Every delivery of an event about the customer, oldest first, with its recipient.
    func deliveries(customerID: UUID) async throws -> [(delivery: WebhookDelivery, recipient: String)]
    /// Queues a delivery again as a new attempt series.
    func resend(deliveryID: String, endpointID: UUID) async throws -> WebhookDelivery
}

extension WebhookOutbox {
    /// Records one attempt, and its access-log entry, in one unit of work.
    public func record(_ outcome: WebhookAttemptOutcome, for delivery: WebhookDelivery, durationMilliseconds: Int, access: AccessRecord?) async throws {
        try await record([WebhookAttemptResult(outcome: outcome, delivery: delivery, durationMilliseconds: durationMilliseconds, access: access)])
    }
}

/// What the worker needs to send one delivery.
public struct WebhookDueDelivery: Sendable {
    public var delivery: WebhookDelivery
    public var endpoint: WebhookEndpoint
    public var secrets: [WebhookSecret]
    public var changedFields: [String]
    /// The customer as it was at the event, for full payloads; nil when not kept or erased since.
    public var customer: Customer?
    public var recipient: String

    public init(delivery: WebhookDelivery, endpoint: WebhookEndpoint, secrets: [WebhookSecret], changedFields: [String], customer: Customer?, recipient: String) {
        self.delivery = delivery
        self.endpoint = endpoint
        self.secrets = secrets
        self.changedFields = changedFields
        self.customer = customer
        self.recipient = recipient
    }
}

/// How one attempt ended.
public enum WebhookAttemptOutcome: Sendable, Equatable {
    case delivered(statusCode: Int)
    case retry(statusCode: Int?, error: String, at: Int64)
    case failed(statusCode: Int?, error: String)
    case blocked(reason: String)
}

/// The result of one attempt, as ``record(_:)`` stores it.
public struct WebhookAttemptResult: Sendable {
    public var outcome: WebhookAttemptOutcome
    public var delivery: WebhookDelivery
    public var durationMilliseconds: Int
    /// The access-log entry of the attempt (nil when nothing was sent).
    public var access: AccessRecord?

    public init(outcome: WebhookAttemptOutcome, delivery: WebhookDelivery, durationMilliseconds: Int, access: AccessRecord?) {
        self.outcome = outcome
        self.delivery = delivery
        self.durationMilliseconds = durationMilliseconds
        self.access = access
    }
}
