import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOConcurrencyHelpers
import Testing
import TresorJobs
import TresorCompliance
@testable import TresorHTTP
import TresorModel
import TresorService
import TresorStore

/// The webhook URL policy (issue 21): https to public addresses of hosts residency.yaml lists,
/// checked at registration and again before every delivery.
@Suite("webhook destinations")
struct WebhookDestinationTests {
    static func body(_ url: String, country: String? = "de") -> [String: Any] {
        var body: [String: Any] = ["url": url, "events": ["customer-created"]]
        if let country { body["country"] = country }
        return body
    }

    /// An endpoint at `url` with one customer-created event waiting for it.
    static func endpointWithEvent(_ fixture: HTTPFixture, url: String) async throws -> WebhookEndpoint {
        let (endpoint, _) = try await fixture.store.webhookEndpoints.create(url: url, events: WebhookEvent.allCases, country: CountryCode("DE")!,
                                                                            transferBasis: nil, payload: .minimal)
        let record = AccessRecord(actor: AccessActor(kind: .system, id: "test", name: "test"), action: "customer.create",
                                  purpose: "testing", requestID: "test")
        _ = try await fixture.store.createCustomer(CustomerDraft(name: "Rita", email: "rita@example.de", country: "DE"), recording: record)
        return endpoint
    }

    /// One round of deliveries with `destinations`; returns how many were attempted.
    static func deliverOnce(_ fixture: HTTPFixture, destinations: WebhookDestinationCheck) async throws -> Int {
        let service = WebhookDeliveryService(outbox: fixture.store.outbox, endpoints: fixture.store.webhookEndpoints, residency: .builtIn,
                                             destinations: destinations, logger: Logger(label: "test"))
        let attempted = try await service.deliverDue()
        try await service.shutdown()
        return attempted
    }

    @Test("registration refuses internal, loopback, mapped and numeric forms, plain http, unlisted hosts and a wrong country", arguments: [
        ("https://169.254.169.254/latest/meta-data", "url"),
        ("https://10.0.0.1/hook", "url"),
        ("https://[::ffff:127.0.0.1]/hook", "url"),
        ("https://[::1]/hook", "url"),
        ("https://[fd00::1]/hook", "url"),
        ("https://0.0.0.0/hook", "url"),
        ("https://2130706433/hook", "url"),
        ("https://0x7f.1/hook", "url"),
        ("https://0177.0.0.1/hook", "url"),
        ("https://127.1/hook", "url"),
        ("https://metadata.google.internal/computeMetadata/v1/", "url"),
        ("https://localhost:8443/hook", "url"),
        ("http://localhost:8080/hook", "url"),
        ("http://127.0.0.1:8080/hook", "url"),
        ("http://hooks.example.de/hook", "url"),
        ("https://hooks.elsewhere.example/hook", "url"),
    ])
    func refusedAtRegistration(url: String, field: String) async throws {
        let fixture = try await HTTPFixture()
        try await fixture.test { client in
            let refused = try await client.call(.post, "/v2/webhook-endpoints", key: fixture.keys["admin"]!, json: Self.body(url))
            #expect(refused.status == 422, "\(url): \(refused.body)")
            #expect(refused.body["param"] as? String == field, "\(url): \(refused.body)")
            #expect(try await fixture.store.webhookEndpoints.endpoints().isEmpty)
        }
    }

    @Test("a listed host that resolves to a private address is refused at registration, naming the address class")
    func listedButPrivate() async throws {
        let fixture = try await HTTPFixture(destinations: WebhookDestinationCheck(resolver: { _ in [NetworkAddress(literal: "10.0.0.5")!] }))
        try await fixture.test { client in
            let refused = try await client.call(.post, "/v2/webhook-endpoints", key: fixture.keys["admin"]!, json: Self.body("https://hooks.example.de/hook"))
            #expect(refused.status == 422 && refused.body["param"] as? String == "url")
            #expect((refused.body["detail"] as? String)?.contains("private") == true, "\(refused.body)")
        }
    }

    @Test("a listed host is registered with residency.yaml's country; a caller's other country is refused")
    func countryFromPolicy() async throws {
        let fixture = try await HTTPFixture()
        try await fixture.test { client in
            let wrong = try await client.call(.post, "/v2/webhook-endpoints", key: fixture.keys["admin"]!,
                                              json: Self.body("https://hooks.example.de/hook", country: "fr"))
            #expect(wrong.status == 422 && wrong.body["param"] as? String == "country", "\(wrong.body)")
            let silent = try await client.call(.post, "/v2/webhook-endpoints", key: fixture.keys["admin"]!,
                                               json: Self.body("https://hooks.example.de/hook", country: nil))
            #expect(silent.status == 200, "\(silent.body)")
            #expect((silent.body["webhook_endpoint"] as? [String: Any])?["country"] as? String == "de")
        }
    }

    @Test("a name that resolves to a private address is refused, at registration and at delivery (DNS rebinding)")
    func rebinding() async throws {
        let answer = NIOLockedValueBox("185.199.108.153")
        let check = WebhookDestinationCheck(resolver: { _ in [NetworkAddress(literal: answer.withLockedValue { $0 })!] })
        #expect(try await check.addresses(of: "hooks.example.de").map(\.description) == ["185.199.108.153"])
        answer.withLockedValue { $0 = "10.1.2.3" }
        await #expect(throws: FieldError.self) { try await check.addresses(of: "hooks.example.de") }

        // Registered while the name was public; by the first delivery it points at this machine.
        answer.withLockedValue { $0 = "185.199.108.153" }
        let fixture = try await HTTPFixture()
        let endpoint = try await Self.endpointWithEvent(fixture, url: "https://hooks.example.de/hook")
        answer.withLockedValue { $0 = "127.0.0.1" }
        #expect(try await Self.deliverOnce(fixture, destinations: check) == 1)
        let delivery = try #require(try await fixture.store.outbox.deliveries(endpointID: endpoint.id, limit: 10, startingAfter: nil).deliveries.first?.delivery)
        #expect(delivery.status == .blocked)
        #expect(delivery.lastError?.contains("loopback") == true, "\(delivery.lastError ?? "")")
    }

    @Test("a delivery connects to the address that was checked, not to a second lookup of the name")
    func pinnedAddress() async throws {
        let received = NIOLockedValueBox(0)
        let router = Router()
        router.post("hook") { _, _ in
            received.withLockedValue { $0 += 1 }
            return Response(status: .ok)
        }
        let receiverApp = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await receiverApp.test(.live) { receiverClient in
            let port = try #require(receiverClient.port)
            let fixture = try await HTTPFixture()
            // A name no DNS knows; only the check's resolver maps it, to this machine.
            let check = WebhookDestinationCheck(allowsLoopback: true, resolver: { _ in [NetworkAddress(literal: "127.0.0.1")!] })
            _ = try await Self.endpointWithEvent(fixture, url: "http://receiver.tresor-test.invalid:\(port)/hook")
            #expect(try await Self.deliverOnce(fixture, destinations: check) == 1)
            #expect(received.withLockedValue { $0 } == 1)
        }
    }

    @Test("deliveries show status codes, errors and durations only to the operator's scope (keys.manage); to others coarse outcomes")
    func coarseDeliveries() async throws {
        let fixture = try await HTTPFixture()
        // Nothing listens on this port: the attempt fails with an error and a duration.
        let endpoint = try await Self.endpointWithEvent(fixture, url: "http://127.0.0.1:9/hook")
        #expect(try await Self.deliverOnce(fixture, destinations: .development) == 1)

        func request(_ scopes: Set<Scope>) -> RequestInfo {
            RequestInfo(principal: Principal(id: "key_t", name: "t", role: Role(name: "hooks", scopes: scopes, defaultPurpose: "contract"), reach: .all),
                        requestID: "req_t")
        }
        let operatorView = try await fixture.service.webhookDeliveries(endpointID: endpoint.id, limit: 10, startingAfter: nil,
                                                                       request: request([.webhooksManage, .keysManage]))
        #expect(operatorView.detailed && operatorView.deliveries.first?.delivery.lastError != nil)
        #expect(operatorView.deliveries.first?.attempts.first?.error != nil)
        let coarse = try await fixture.service.webhookDeliveries(endpointID: endpoint.id, limit: 10, startingAfter: nil, request: request([.webhooksManage]))
        let delivery = try #require(coarse.deliveries.first)
        #expect(!coarse.detailed && delivery.delivery.lastError == nil && delivery.delivery.lastStatusCode == nil)
        #expect(delivery.attempts.count == 1 && delivery.attempts.allSatisfy { $0.error == nil && $0.statusCode == nil && $0.durationMilliseconds == 0 })
        let json = WebhookJSON.delivery(delivery.delivery, attempts: delivery.attempts, detailed: coarse.detailed)
        let attempt = try #require((json["attempt_log"] as? [[String: Any]])?.first)
        #expect(attempt["duration_ms"] is NSNull && attempt["outcome"] as? String == "failed")
    }

    @Test("residency.yaml's webhook_destinations: subdomain patterns, and a broken entry named with its line")
    func destinationsPolicy() throws {
        let policy = try ResidencyPolicy(text: HTTPFixture.residencyText)
        #expect(policy.webhookCountry(forHost: "a.example.us")?.code == "US")
        #expect(policy.webhookCountry(forHost: "HOOKS.example.de")?.code == "DE")
        #expect(policy.webhookCountry(forHost: "example.us") == nil, "*.example.us matches subdomains only")
        #expect(policy.webhookCountry(forHost: "evil-hooks.example.de") == nil)
        let broken = DefaultPolicies.residency.replacingOccurrences(of: "webhook_destinations: []",
                                                                    with: "webhook_destinations:\n  - host: hooks.example.de\n    country: Germany")
        #expect { try ResidencyPolicy(text: broken) } throws: { error in
            guard let error = error as? PolicyError else { return false }
            return error.field == "webhook_destinations[0]" && error.line != nil
        }
    }

    @Test("address classes", arguments: [
        ("8.8.8.8", nil), ("2a00:1450:4001:80e::200e", nil), ("127.0.0.1", NetworkAddress.NonPublicKind.loopback), ("::1", .loopback),
        ("10.0.0.1", .privateNetwork), ("172.16.0.1", .privateNetwork), ("172.32.0.1", nil), ("192.168.1.1", .privateNetwork),
        ("169.254.169.254", .linkLocal), ("100.64.0.1", .sharedAddressSpace), ("0.0.0.0", .unspecified), ("::", .unspecified),
        ("::ffff:127.0.0.1", .ipv4Mapped), ("::ffff:8.8.8.8", .ipv4Mapped), ("64:ff9b::a00:1", .ipv4Embedding), ("2002:a00:1::", .ipv4Embedding),
        ("fe80::1", .linkLocal), ("fd12:3456::1", .uniqueLocal), ("ff02::1", .multicast), ("224.0.0.1", .multicast),
        ("240.0.0.1", .reserved), ("192.0.2.1", .documentation), ("2001:db8::1", .documentation),
    ] as [(String, NetworkAddress.NonPublicKind?)])
    func addressClasses(literal: String, kind: NetworkAddress.NonPublicKind?) throws {
        let address = try #require(NetworkAddress(literal: literal))
        #expect(address.nonPublicKind == kind, "\(literal)")
    }

    @Test("legacy numeric hosts are told apart from names and literals")
    func numericHosts() {
        for host in ["2130706433", "0x7f000001", "0x7f.1", "0177.0.0.1", "127.1", "10.1"] {
            #expect(NetworkAddress.isLegacyNumericHost(host), "\(host)")
        }
        for host in ["127.0.0.1", "hooks.example.de", "::1", "1password.example"] {
            #expect(!NetworkAddress.isLegacyNumericHost(host), "\(host)")
        }
    }
}
