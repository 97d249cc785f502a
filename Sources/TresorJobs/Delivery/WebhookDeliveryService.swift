import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import ServiceLifecycle
import TresorCompliance
import TresorCrypto
import TresorModel
import TresorService
import TresorStore

/// Sends the outbox's webhook deliveries, run in the server's service group: Standard Webhooks
/// headers and signature, a 15-second timeout, the retry schedule with jitter, `Retry-After`
/// honoured, 410 Gone disables the endpoint. Each customer's events reach each endpoint in order;
/// a delivery is repeated, with the same `webhook-id`, until acknowledged (at least once).
/// Every attempt is an access-log entry naming the recipient.
public struct WebhookDeliveryService: Service {
    let outbox: WebhookOutbox
    let endpoints: WebhookEndpointStore
    let residency: ResidencyPolicy
    /// The roles whose field policies shape full payloads (each endpoint's registering role).
    let roles: RolesPolicy
    /// Checked again before every attempt; the attempt connects to an address it allowed.
    let destinations: WebhookDestinationCheck
    let clients: PinnedHTTPClients
    let logger: Logger
    var schedule = RetrySchedule.standard
    /// Deliveries sent at once.
    var batchSize = 64
    /// How long to wait when nothing is due.
    var idleInterval = Duration.milliseconds(250)
    static let timeout = TimeAmount.seconds(15)
    /// Signature timestamps and retry times.
    let clock: WallClock
    static let actor = AccessActor(kind: .system, id: "webhook-delivery", name: "webhook delivery")

    public init(outbox: WebhookOutbox, endpoints: WebhookEndpointStore, residency: ResidencyPolicy, roles: RolesPolicy = .builtIn,
                destinations: WebhookDestinationCheck = .production, logger: Logger, clock: WallClock = .system) {
        self.clock = clock
        self.roles = roles
        self.outbox = outbox
        self.endpoints = endpoints
        self.residency = residency
        self.destinations = destinations
        self.clients = PinnedHTTPClients(configure: Self.configure)
        self.logger = logger
    }

    /// Webhook clients: connections fail fast (5 s, no silent retries, so one dead receiver does
    /// not hold a batch), responses get 15 s, and redirects are not followed: a delivery goes to
    /// the registered URL, whose destination and country were checked, and nowhere else.
    @Sendable static func configure(_ configuration: inout HTTPClient.Configuration) {
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(15))
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.redirectConfiguration = .disallow
    }

    public func run() async throws {
        do {
            try await deliverUntilShutdown()
        } catch {
            await clients.closeAll()
            throw error
        }
        await clients.closeAll()
    }

    private func deliverUntilShutdown() async throws {
        await StorageBackoff.pollUntilShutdown(job: "webhook-delivery", logger: logger, idleInterval: idleInterval,
                                               failure: "reading the webhook outbox failed") { try await deliverDue() }
    }

    /// Makes one attempt at each delivery due now (up to the batch size), concurrently; returns
    /// how many were attempted.
    public func deliverDue() async throws -> Int {
        let due = try await outbox.dueDeliveries(limit: batchSize)
        let results = await withTaskGroup(of: WebhookOutbox.AttemptResult.self) { group in
            for item in due { group.addTask { await attempt(item) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        do {
            try await outbox.record(results)
        } catch {
            // Unrecorded attempts stay pending and are sent again, with the same webhook-id.
            logger.error("recording webhook attempts failed", metadata: ["attempts": "\(results.count)", "error_type": "\(type(of: error))"])
        }
        return due.count
    }

    /// Closes the HTTP clients, for callers that use ``deliverDue()`` without ``run()``.
    public func shutdown() async throws {
        await clients.closeAll()
    }

    /// One attempt at one delivery; the caller records the result.
    func attempt(_ due: WebhookOutbox.DueDelivery) async -> WebhookOutbox.AttemptResult {
        let delivery = due.delivery
        if case .refused = residency.transferDecision(to: due.endpoint.country) {
            return result(.blocked(reason: "\(due.endpoint.country.code) has no adequacy decision and no transfer basis in the residency policy"),
                          due, milliseconds: 0)
        }
        // The destination again: a name may resolve elsewhere than when it was registered.
        guard let host = URL(string: due.endpoint.url)?.host else {
            return result(.blocked(reason: "the endpoint's URL has no host"), due, milliseconds: 0)
        }
        let address: NetworkAddress
        do {
            address = try await destinations.addresses(of: host)[0]
        } catch let refusal as FieldError {
            logger.warning("webhook destination refused", metadata: ["endpoint_id": "\(due.endpoint.id)", "reason": "\(refusal.reason)"])
            return result(.blocked(reason: "destination refused: the URL \(refusal.reason)"), due, milliseconds: 0)
        } catch {
            return result(.blocked(reason: "destination refused"), due, milliseconds: 0)
        }
        guard let policy = fieldPolicy(of: due.endpoint) else {
            return result(.blocked(reason: "the endpoint's role \(due.endpoint.roleName ?? "") is no longer in roles.yaml"), due, milliseconds: 0)
        }
        let client = await clients.client(host: host, address: address)
        let body = JSONWriter.data(WebhookJSON.event(delivery, changedFields: due.changedFields, customer: due.customer,
                                                     payload: due.endpoint.payload, createdAt: delivery.createdAt, policy: policy))
        let timestamp = clock.seconds
        var request = HTTPClientRequest(url: due.endpoint.url)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "user-agent", value: "Tresor-Webhooks/1")
        request.headers.add(name: "webhook-id", value: delivery.id)
        request.headers.add(name: "webhook-timestamp", value: String(timestamp))
        do {
            request.headers.add(name: "webhook-signature", value: try WebhookSignature.header(secrets: due.secrets, id: delivery.id, timestamp: timestamp, body: body))
            if let tamioHeader = due.endpoint.tamioSignatureHeader {
                request.headers.add(name: tamioHeader, value: try TamioWebhookSignature.header(secrets: due.secrets, timestamp: timestamp, body: body))
            }
        } catch {
            return result(.retry(statusCode: nil, error: "signing failed", at: retryTime(after: delivery.attempts + 1) ?? timestamp), due, milliseconds: 0)
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        let started = ContinuousClock.now
        let outcome: WebhookOutbox.AttemptOutcome
        do {
            let response = try await client.execute(request, timeout: Self.timeout)
            _ = try? await response.body.collect(upTo: 65_536)
            outcome = await outcomeOf(status: Int(response.status.code), retryAfter: response.headers.first(name: "retry-after"), due)
        } catch {
            outcome = failureOutcome(statusCode: nil, error: Self.describe(error), after: delivery.attempts + 1, retryAfter: nil)
        }
        let elapsed = started.duration(to: .now)
        return result(outcome, due, milliseconds: Int(elapsed.components.seconds * 1_000 + elapsed.components.attoseconds / 1_000_000_000_000_000))
    }

    private func outcomeOf(status: Int, retryAfter: String?, _ due: WebhookOutbox.DueDelivery) async -> WebhookOutbox.AttemptOutcome {
        switch status {
        case 200..<300:
            return .delivered(statusCode: status)
        case 410:
            try? await endpoints.disable(id: due.endpoint.id)
            logger.notice("webhook endpoint answered 410 Gone; disabled", metadata: ["endpoint_id": "\(due.endpoint.id)"])
            return .failed(statusCode: status, error: "the endpoint answered 410 Gone and was disabled")
        case 429, 503:
            return failureOutcome(statusCode: status, error: "HTTP \(status)", after: due.delivery.attempts + 1,
                                  retryAfter: RetrySchedule.retryAfterSeconds(retryAfter))
        default:
            return failureOutcome(statusCode: status, error: "HTTP \(status)", after: due.delivery.attempts + 1, retryAfter: nil)
        }
    }

    private func failureOutcome(statusCode: Int?, error: String, after attempt: Int, retryAfter: Int64?) -> WebhookOutbox.AttemptOutcome {
        guard let at = retryTime(after: attempt, retryAfter: retryAfter) else { return .failed(statusCode: statusCode, error: error) }
        return .retry(statusCode: statusCode, error: error, at: at)
    }

    private func retryTime(after attempt: Int, retryAfter: Int64? = nil) -> Int64? {
        schedule.delay(after: attempt, retryAfter: retryAfter).map { clock.seconds + $0 }
    }

    /// The attempt's result with its access-log entry: every attempt that sent data is one, naming the recipient.
    private func result(_ outcome: WebhookOutbox.AttemptOutcome, _ due: WebhookOutbox.DueDelivery, milliseconds: Int) -> WebhookOutbox.AttemptResult {
        var access: AccessRecord?
        if case .blocked = outcome {
            access = nil
        } else {
            let full = due.endpoint.payload == .full && due.customer != nil && due.delivery.event != .customerRemoved
            var delivered = false
            if case .delivered = outcome { delivered = true }
            let policy = fieldPolicy(of: due.endpoint) ?? .plain
            access = AccessRecord(actor: Self.actor, action: "webhook.deliver", subjects: [due.delivery.customerID],
                                  fields: full ? Self.customerFields.map(policy.disclosedName) : [], purpose: SystemPurpose.webhookNotification.rawValue,
                                  requestID: due.delivery.id, outcome: delivered ? .ok : .error, recipient: due.recipient)
        }
        return WebhookOutbox.AttemptResult(outcome: outcome, delivery: due.delivery, durationMilliseconds: milliseconds, access: access)
    }

    /// The field policy of the role that registered `endpoint` (every field plain for endpoints
    /// registered before roles were recorded); nil when that role is no longer in roles.yaml, and
    /// then nothing is sent.
    func fieldPolicy(of endpoint: WebhookEndpoint) -> FieldPolicy? {
        guard let name = endpoint.roleName, name != "operator" else { return .plain }
        return roles.role(named: name)?.fields
    }

    /// A short reason for a transport failure, without any payload content.
    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout: return "timed out"
            default: return "connection failed"
            }
        }
        return "connection failed"
    }

    static let customerFields = ["name", "last_name", "email", "phone", "company", "country", "locale", "timezone_offset", "category",
                                 "priority", "lead_status", "teammate_id", "metadata", "stripe_customer_id", "affiliate_partner_id",
                                 "billing_addresses", "shipping_addresses"]
}
