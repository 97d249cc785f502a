import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import TresorCompliance
import TresorJobs
import TresorModel
import TresorStore

/// Full webhook payloads carry what the role of the key that registered the endpoint may read.
@Suite("webhook payloads and field policies")
struct WebhookFieldPolicyTests {
    static let roles = DefaultPolicies.roles + """
          crm-sync:
            scopes: [customers.view, webhooks.manage]
            purpose: contract
            fields:
              default: plain
              email: masked
              phone: hidden
              addresses: redacted
              metadata: hidden

        """

    @Test("an endpoint keeps its registering role; its full payloads follow that role's fields, and the access log says so")
    func payloads() async throws {
        let receiver = WebhookDeliveryTests.Receiver()
        try await receiver.listening { url in
            let fixture = try await HTTPFixture(roles: Self.roles)
            let crm = try await fixture.key(role: "crm-sync", reach: .all)
            let registered = try await fixture.test { client in
                try await client.call(.post, "/v2/webhook-endpoints", key: crm,
                                      json: ["url": "https://hooks.example.de/crm", "events": ["customer-created"], "payload": "full"])
            }
            #expect((registered.body["webhook_endpoint"] as? [String: Any])?["role"] as? String == "crm-sync", "\(registered.body)")
            try await fixture.store.webhookEndpoints.delete(id: UUID(uuidString: (registered.body["webhook_endpoint"] as? [String: Any])?["id"] as? String ?? "")!)

            let store = fixture.store
            for role in ["crm-sync", "admin"] {
                _ = try await store.webhookEndpoints.create(name: role, url: url, events: [.customerCreated], country: CountryCode("DE")!, transferBasis: nil,
                                                            payload: .full, tamioSignatureHeader: nil, roleName: role)
            }
            _ = try await store.webhookEndpoints.create(name: "gone", url: url, events: [.customerCreated], country: CountryCode("DE")!, transferBasis: nil,
                                                        payload: .full, tamioSignatureHeader: nil, roleName: "no-longer-there")
            let record = AccessRecord(actor: AccessActor(kind: .system, id: "test", name: "test"), action: "customer.create", purpose: "testing", requestID: "test")
            var draft = CustomerDraft(name: "Rita", email: "rita.berger@example.de", country: "DE")
            draft.phone = "+49 30 1234567"
            _ = try await store.createCustomer(draft, recording: record)
            let service = WebhookDeliveryService(outbox: store.outbox, endpoints: store.webhookEndpoints, residency: .builtIn, roles: fixture.policies.roles,
                                                 destinations: .development, logger: Logger(label: "test"))
            let attempted = try await service.deliverDue()
            try await service.shutdown()
            #expect(attempted == 3)
            let payloads = receiver.received.compactMap { request -> [String: Any]? in
                let event = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any]
                return (event?["data"] as? [String: Any])?["customer"] as? [String: Any]
            }
            #expect(payloads.count == 2, "the endpoint whose role is gone receives nothing")
            let masked = try #require(payloads.first { $0["masked_fields"] != nil })
            #expect(masked["email"] as? String == "r***@example.de" && masked["phone"] == nil && masked["billing_addresses"] is NSNull, "\(masked)")
            #expect(masked["name"] as? String == "Rita" && masked["withheld_fields"] as? [String] == ["billing_addresses", "shipping_addresses"])
            let plain = try #require(payloads.first { $0["masked_fields"] == nil })
            #expect(plain["email"] as? String == "rita.berger@example.de" && plain["phone"] as? String == "+49 30 1234567")

            var entries: [AccessLogEntry] = []
            try await store.forEachAccessLogEntry(AccessLogQuery(action: "webhook.deliver")) { entries.append($0); return true }
            let crmEntry = try #require(entries.first { $0.record.recipient.contains("crm-sync") })
            #expect(crmEntry.record.fields.contains("email:masked") && crmEntry.record.fields.contains("phone:withheld"), "\(crmEntry.record.fields)")
            let adminEntry = try #require(entries.first { $0.record.recipient.hasPrefix("admin") })
            #expect(adminEntry.record.fields.contains("email") && adminEntry.record.fields.contains("phone"))
            let deliveries = try await store.outbox.deliveries(endpointID: try #require(try await store.webhookEndpoints.endpoints().first { $0.name == "gone" }?.id),
                                                               limit: 10, startingAfter: nil)
            #expect(deliveries.deliveries.first?.delivery.status == .blocked, "fail closed: no role, no payload")
        }
    }

    @Test("every role × every field: a full payload to an endpoint registered by the role shows each field as the role's policy says")
    func everyRole() async throws {
        let receiver = WebhookDeliveryTests.Receiver()
        try await receiver.listening { url in
            let fixture = try await HTTPFixture(roles: Self.roles)
            let admin = fixture.keys["admin"]!
            var roleOfEndpoint: [String: String] = [:]
            for role in fixture.policies.roles.roles.keys.sorted() {
                let (endpoint, _) = try await fixture.store.webhookEndpoints.create(
                    name: role, url: url, events: [.customerCreated], country: CountryCode("DE")!, transferBasis: nil, payload: .full,
                    tamioSignatureHeader: nil, roleName: role)
                roleOfEndpoint[endpoint.id.uuidString.lowercased()] = role
            }
            try await fixture.test { client in
                let teammate = try await client.call(.post, "/v2/teammates/create", key: admin, json: ["name": "Theo", "email": "theo@example.de"])
                let teammateID = try #require((teammate.body["teammate"] as? [String: Any])?["id"] as? String)
                #expect(try await client.call(.post, "/v2/customers/create", key: admin, json: FieldPolicyTests.fullCustomer(teammate: teammateID)).status == 200)
            }
            let service = WebhookDeliveryService(outbox: fixture.store.outbox, endpoints: fixture.store.webhookEndpoints, residency: .builtIn,
                                                 roles: fixture.policies.roles, destinations: .development, logger: Logger(label: "test"))
            let attempted = try await service.deliverDue()
            try await service.shutdown()
            #expect(attempted == roleOfEndpoint.count)
            var payloads: [String: [String: Any]] = [:]
            for request in receiver.received {
                let event = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
                let role = try #require(roleOfEndpoint[event["endpoint_id"] as? String ?? ""])
                payloads[role] = (event["data"] as? [String: Any])?["customer"] as? [String: Any]
            }
            let plain = try #require(payloads["admin"])
            for (role, payload) in payloads.sorted(by: { $0.key < $1.key }) {
                let policy = try #require(fixture.policies.roles.role(named: role)).fields
                for field in CustomerField.allCases {
                    FieldPolicyTests.check(field, policy.disclosure(of: field), shown: payload, plain: plain, context: "\(role) webhook")
                }
            }
            #expect(payloads.keys.contains("support-agent") && payloads.keys.contains("marketing") && payloads.keys.contains("crm-sync"))
        }
    }
}
