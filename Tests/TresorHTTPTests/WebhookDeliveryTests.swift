import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import TresorJobs
import TresorCompliance
import TresorCrypto
import TresorHTTP
import TresorModel
import TresorStore

/// The delivery service against a live receiver in this process: signatures, `Retry-After`,
/// 410 Gone, and the access-log entry naming the recipient.
@Suite("webhook delivery service")
struct WebhookDeliveryTests {
    /// What the receiver answers, and what it got.
    final class Receiver: @unchecked Sendable {
        private let lock = NSLock()
        private var status: HTTPResponse.Status = .noContent
        private var retryAfter: String?
        private(set) var requests: [(headers: HTTPFields, body: [UInt8])] = []

        func answer(_ status: HTTPResponse.Status, retryAfter: String? = nil) {
            lock.withLock { (self.status, self.retryAfter) = (status, retryAfter) }
        }

        func handle(_ request: Request) async throws -> Response {
            let body = Array(buffer: try await request.body.collect(upTo: 1 << 20))
            let (status, retryAfter) = lock.withLock {
                requests.append((request.headers, body))
                return (self.status, self.retryAfter)
            }
            var headers = HTTPFields()
            if let retryAfter { headers[HTTPField.Name("retry-after")!] = retryAfter }
            return Response(status: status, headers: headers)
        }

        var received: [(headers: HTTPFields, body: [UInt8])] { lock.withLock { requests } }

        /// Runs `body` while this receiver listens on a free port of 127.0.0.1, with the URL it takes deliveries at.
        func listening(_ body: @escaping @Sendable (_ url: String) async throws -> Void) async throws {
            let router = Router()
            router.post("hook") { request, _ in try await self.handle(request) }
            try await Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0))).test(.live) { client in
                try await body("http://127.0.0.1:\(try #require(client.port))/hook")
            }
        }
    }

    @Test("503 with Retry-After waits at least that long; 410 disables the endpoint; a 2xx delivers a verifiable signature")
    func outcomes() async throws {
        let receiver = Receiver()
        try await receiver.listening { url in
            let fixture = try await HTTPFixture()
            let store = fixture.store
            let (endpoint, secret) = try await store.webhookEndpoints.create(url: url, events: WebhookEvent.allCases,
                                                                              country: CountryCode("DE")!, transferBasis: nil, payload: .full)
            let record = AccessRecord(actor: AccessActor(kind: .system, id: "test", name: "test"), action: "customer.create",
                                      purpose: "testing", requestID: "test")
            let customer = try await store.createCustomer(CustomerDraft(name: "Rita", email: "rita@example.de", country: "DE"), recording: record)
            let service = WebhookDeliveryService(outbox: store.outbox, endpoints: store.webhookEndpoints, residency: .builtIn, destinations: .development,
                                                 logger: Logger(label: "test"))

            receiver.answer(.serviceUnavailable, retryAfter: "600")
            let before = Int64(Date().timeIntervalSince1970)
            #expect(try await service.deliverDue() == 1)
            var delivery = try #require(try await store.outbox.deliveries(endpointID: endpoint.id, limit: 10, startingAfter: nil).deliveries.first?.delivery)
            #expect(delivery.status == .pending)
            #expect(delivery.attempts == 1)
            #expect(delivery.lastStatusCode == 503)
            #expect((delivery.nextAttemptAt ?? 0) >= before + 600)
            #expect(try await service.deliverDue() == 0, "not due again before Retry-After")

            receiver.answer(.ok)
            _ = try await store.outbox.resend(deliveryID: delivery.id, endpointID: endpoint.id)
            #expect(try await service.deliverDue() == 1)
            delivery = try #require(try await store.outbox.deliveries(endpointID: endpoint.id, limit: 10, startingAfter: nil).deliveries.first?.delivery)
            #expect(delivery.status == .delivered)
            let last = try #require(receiver.received.last)
            let webhookID = try #require(last.headers[HTTPField.Name("webhook-id")!])
            #expect(webhookID == delivery.id, "the webhook-id stays the same across attempts")
            #expect(receiver.received.allSatisfy { $0.headers[HTTPField.Name("webhook-id")!] == delivery.id })
            let timestamp = try #require(Int64(last.headers[HTTPField.Name("webhook-timestamp")!] ?? ""))
            try WebhookSignature.verify(last.headers[HTTPField.Name("webhook-signature")!] ?? "", secrets: [secret], id: webhookID,
                                        timestamp: timestamp, body: last.body, now: Int64(Date().timeIntervalSince1970))
            let event = try #require(try JSONSerialization.jsonObject(with: Data(last.body)) as? [String: Any])
            #expect(event["event_type"] as? String == "customer-created")
            #expect(((event["data"] as? [String: Any])?["customer"] as? [String: Any])?["email"] as? String == "rita@example.de")

            var entries: [AccessLogEntry] = []
            try await store.forEachAccessLogEntry(AccessLogQuery(action: "webhook.deliver")) { entries.append($0); return true }
            #expect(entries.map(\.record.outcome) == [.error, .ok])
            #expect(entries.last?.record.fields.contains("email") == true)
            #expect(entries.allSatisfy { $0.record.subjects == [customer.id] && $0.record.recipient.contains(endpoint.id.uuidString.lowercased()) })
            #expect(entries.last?.record.fields.contains("email") == true, "a full payload discloses every customer field")
            let resent = try await store.outbox.resend(deliveryID: delivery.id, endpointID: endpoint.id)
            let again = try #require(try await store.outbox.dueDeliveries(limit: 10).first { $0.delivery.id == resent.id })
            #expect(again.customer == nil, "once delivered, the event's snapshot is gone: a re-send is minimal")
            #expect(try await service.deliverDue() == 1)

            receiver.answer(.gone)
            _ = try await store.updateCustomer(id: customer.id, with: CustomerPatch(name: "Rita B."), recording: record)
            #expect(try await service.deliverDue() == 1)
            #expect(try await store.webhookEndpoints.endpoint(id: endpoint.id).disabledAt != nil)
            let gone = try #require(try await store.outbox.deliveries(endpointID: endpoint.id, limit: 10, startingAfter: nil).deliveries.first?.delivery)
            #expect(gone.status == .failed)
            #expect(gone.lastStatusCode == 410)
            _ = try await store.updateCustomer(id: customer.id, with: CustomerPatch(name: "Rita C."), recording: record)
            #expect(try await service.deliverDue() == 0, "a disabled endpoint gets nothing")
            try await service.shutdown()
        }
    }
}
