import Foundation
import Testing
import TresorCrypto
import TresorModel
import TresorStore
import TresorStoreTestSupport

@Suite("Store: webhook endpoints, email templates and the two outboxes")
struct OutboxStoreTests {
    @Test("webhook endpoints: created with a secret, listed, rotated (two secrets overlap), disabled, deleted", arguments: StoreBackend.allCases)
    func endpoints(backend: StoreBackend) async throws {
        let fixture = try await ConformanceFixture(backend)
        let endpoints = fixture.store.webhookEndpoints
        let (endpoint, secret) = try await endpoints.create(url: "https://hooks.example.de/a", events: [.customerCreated, .customerRemoved],
                                                            country: CountryCode("DE")!, transferBasis: nil, payload: .minimal)
        #expect(try await endpoints.endpoint(id: endpoint.id) == endpoint)
        #expect(try await endpoints.endpoints() == [endpoint])
        #expect(try await endpoints.secrets(endpointID: endpoint.id) == [secret])
        let (rotated, newSecret) = try await endpoints.rotateSecret(id: endpoint.id)
        #expect(rotated.previousSecretExpiresAt == fixture.clock.now + WebhookEndpointLimits.rotationOverlap)
        #expect(Set(try await endpoints.secrets(endpointID: endpoint.id).map(\.text)) == [secret.text, newSecret.text])
        try await endpoints.disable(id: endpoint.id)
        #expect(try await endpoints.endpoint(id: endpoint.id).disabledAt == fixture.clock.now)
        try await endpoints.delete(id: endpoint.id)
        await #expect(throws: StoreError.self) { try await endpoints.endpoint(id: endpoint.id) }
    }

    @Test("a customer event waits in the outbox with the change, is recorded as delivered, listed per endpoint and customer, and can be sent again",
          arguments: StoreBackend.allCases)
    func webhookOutbox(backend: StoreBackend) async throws {
        let fixture = try await ConformanceFixture(backend)
        let (endpoint, _) = try await fixture.store.webhookEndpoints.create(url: "https://hooks.example.de/a", events: [.customerCreated],
                                                                            country: CountryCode("DE")!, transferBasis: nil, payload: .full)
        let customer = try await fixture.store.createCustomer(ConformanceFixture.draft("W"))
        let due = try await fixture.store.outbox.dueDeliveries(limit: 10)
        #expect(due.count == 1)
        let delivery = try #require(due.first)
        #expect(delivery.delivery.event == .customerCreated && delivery.delivery.customerID == customer.id && delivery.endpoint.id == endpoint.id)
        #expect(delivery.customer == customer, "a full payload carries the customer as it was")
        try await fixture.store.outbox.record(.delivered(statusCode: 204), for: delivery.delivery, durationMilliseconds: 12,
                                              access: AccessRecord(actor: AccessActor(kind: .system, id: "webhooks", name: "delivery"),
                                                                   action: "webhook.deliver", subjects: [customer.id], purpose: "testing", requestID: "r"))
        #expect(try await fixture.store.outbox.dueDeliveries(limit: 10).isEmpty)
        let page = try await fixture.store.outbox.deliveries(endpointID: endpoint.id, limit: 10, startingAfter: nil)
        #expect(page.deliveries.map(\.delivery.status) == [.delivered] && !page.hasMore)
        #expect(page.deliveries.first?.attempts.map(\.statusCode) == [204])
        #expect(try await fixture.store.outbox.deliveries(customerID: customer.id).count == 1)
        let resent = try await fixture.store.outbox.resend(deliveryID: delivery.delivery.id, endpointID: endpoint.id)
        #expect(resent.status == .pending)
        #expect(try await fixture.store.outbox.dueDeliveries(limit: 10).map(\.delivery.id) == [delivery.delivery.id])
    }

    @Test("email templates and the email outbox: queued sealed with the entry, due, recorded as sent, listed with the address",
          arguments: StoreBackend.allCases)
    func emails(backend: StoreBackend) async throws {
        let fixture = try await ConformanceFixture(backend)
        let template = try await fixture.store.emailTemplates.create(EmailTemplateDraft(name: "welcome", subject: "Hi {{name}}", textBody: "Hallo", htmlBody: nil))
        #expect(try await fixture.store.emailTemplates.template(id: template.id) == template)
        #expect(try await fixture.store.emailTemplates.templates() == [template])
        let customer = try await fixture.store.createCustomer(ConformanceFixture.draft("M"))
        let record = AccessRecord(actor: AccessActor(kind: .system, id: "t", name: "t"), action: "email.send", purpose: "testing", requestID: "r")
        let queued = try await fixture.store.emails.enqueue([
            EmailDraft(id: EmailDraft.newID(), customerID: customer.id, template: template, recipient: customer.email,
                       message: Array("Subject: Hi\r\n\r\nHallo\r\n".utf8), fields: ["name", "email"], relay: "relay (DE)"),
            EmailDraft(id: EmailDraft.newID(), customerID: UUID(), template: template, recipient: "x@example.de", message: [1], fields: [], relay: "relay (DE)"),
        ], recording: record)
        #expect(queued == [customer.id], "a customer that does not exist is skipped")
        let due = try await fixture.store.emails.dueEmails(limit: 10)
        #expect(due.map(\.recipient) == [customer.email] && due.first?.message == Array("Subject: Hi\r\n\r\nHallo\r\n".utf8))
        let email = try #require(due.first?.email)
        try await fixture.store.emails.record([EmailAttemptResult(email: email, outcome: .sent, access: record)])
        #expect(try await fixture.store.emails.dueEmails(limit: 10).isEmpty)
        let listed = try await fixture.store.emails.emails(customerID: customer.id, status: .sent, limit: 10, startingAfter: nil)
        #expect(listed.emails.map(\.id) == [email.id] && !listed.hasMore)
        #expect(try await fixture.store.emails.emails(customerID: customer.id).map(\.address) == [customer.email])
        try await fixture.store.emailTemplates.delete(id: template.id)
        #expect(try await fixture.store.emailTemplates.templates().isEmpty)
    }

    @Test("customers created without notifying (a migration) queue no events; the rest of the create is the same", arguments: StoreBackend.allCases)
    func createWithoutEvents(backend: StoreBackend) async throws {
        let fixture = try await ConformanceFixture(backend)
        _ = try await fixture.store.webhookEndpoints.create(url: "https://hooks.example.de/a", events: [.customerCreated],
                                                            country: CountryCode("DE")!, transferBasis: nil, payload: .full)
        let record = AccessRecord(actor: AccessActor(kind: .system, id: "t", name: "t"), action: "customer.create", fields: ["webhooks:none"], purpose: "administration", requestID: "r")
        let outcomes = try await fixture.store.createCustomers([ConformanceFixture.draft("M1"), ConformanceFixture.draft("M2")], recording: record, notifying: false)
        #expect(outcomes.count == 2)
        #expect(try await fixture.store.outbox.dueDeliveries(limit: 10).isEmpty)
        _ = try await fixture.store.createCustomer(ConformanceFixture.draft("N"))
        #expect(try await fixture.store.outbox.dueDeliveries(limit: 10).count == 1, "a create that notifies still queues its event")
    }
}
