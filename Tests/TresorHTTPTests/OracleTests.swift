import Foundation
import Hummingbird
import HummingbirdTesting
import Metrics
import Prometheus
import Testing
@testable import TresorHTTP
import TresorModel

/// The security review's oracles and the handling of failed authentication (issue 21): answers
/// compared byte for byte, counters read from the metrics.
@Suite("HTTP: oracles and failed authentication")
struct OracleTests {
    @Test("starting_after naming an unreachable customer answers as a nonexistent one, with any sort")
    func listAnchor() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            let setting = try await NarrowingTests.customers(client, admin: admin)
            let narrowed = try await fixture.key(role: "support-agent", reach: .customers([setting.mine]))
            let unknown = UUID().uuidString.lowercased()
            for sort in ["created_at", "country", "name"] {
                let outside = try await client.call(.get, "/v2/customers/list?limit=5&sort_by=\(sort)&starting_after=\(setting.other)", key: narrowed)
                let absent = try await client.call(.get, "/v2/customers/list?limit=5&sort_by=\(sort)&starting_after=\(unknown)", key: narrowed)
                #expect(outside.status == 422, "\(sort): \(outside.body)")
                #expect(NarrowingTests.shape(outside, replacing: [setting.other]) == NarrowingTests.shape(absent, replacing: [unknown]), "\(sort)")
            }
            // Within reach the cursor works as before.
            let own = try await client.call(.get, "/v2/customers/list?limit=5&starting_after=\(setting.mine)", key: narrowed)
            #expect(own.status == 200 && (own.body["customers"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("a narrowed key cannot tell another customer's email from any refused address: the same bytes, no 409")
    func emailConflicts() async throws {
        let fixture = try await HTTPFixture()
        let admin = fixture.keys["admin"]!
        try await fixture.test { client in
            let setting = try await NarrowingTests.customers(client, admin: admin)
            let second = try await client.call(.post, "/v2/customers/create", key: admin, json: customerBody("Second", email: "second@example.de")).customerID
            let narrowed = try await fixture.key(role: "support-agent", reach: .customers([setting.mine, second]))
            // The address of a customer outside the key's reach, and of one inside it.
            let outside = try await client.call(.post, "/v2/customers/update/\(setting.mine)", key: narrowed, json: ["name": "Mine", "email": "other@example.de"])
            let inside = try await client.call(.post, "/v2/customers/update/\(setting.mine)", key: narrowed, json: ["name": "Mine", "email": "second@example.de"])
            #expect(outside.status == 422 && outside.body["param"] as? String == "email", "\(outside.body)")
            #expect(NarrowingTests.shape(outside, replacing: []) == NarrowingTests.shape(inside, replacing: []))
            #expect(outside.body["error_code"] as? Int != 10082)
            // An unnarrowed key still gets Tamio's 409.
            let tamio = try await client.call(.post, "/v2/customers/update/\(setting.mine)", key: admin, json: ["name": "Mine", "email": "other@example.de"])
            #expect(tamio.status == 409 && tamio.body["error_code"] as? Int == 10082)
        }
    }

    @Test("denied bulk calls naming 1,000 ids each write one entry apiece, naming no subject: count and digest instead")
    func deniedWithoutAmplification() async throws {
        let fixture = try await HTTPFixture()
        let ids = (0..<1_000).map { _ in UUID().uuidString.lowercased() }
        let before = try await fixture.lastSequence()
        try await fixture.test { client throws -> Void in
            for _ in 0..<20 {
                let denied = try await client.call(.post, "/v2/customers/bulk/delete", key: fixture.keys["marketing"]!, json: ["customers": ids])
                #expect(denied.status == 403)
            }
        }
        let entries = try await fixture.entries(after: before)
        #expect(entries.count == 20)
        #expect(entries.allSatisfy { $0.record.outcome == .denied && $0.record.subjects.isEmpty })
        let digest = try #require(entries.first?.record.fields.last)
        #expect(entries.first?.record.fields.suffix(2).first == "ids:1000")
        #expect(digest.hasPrefix("ids-sha256:") && digest.count == "ids-sha256:".count + 64)
        for id in ids.prefix(3) { #expect(try await fixture.store.accessLogEntryCount(subject: UUID(uuidString: id)!) == 0) }
    }

    @Test("failed authentication is counted, logged by prefix, and a client with too many gets 429 with Retry-After")
    func failedAuthentication() async throws {
        let fixture = try await HTTPFixture()
        let metrics = PrometheusCollectorRegistry()
        let router = buildRouter(service: fixture.service, apiKeys: fixture.store.apiKeys, policies: fixture.policies, metrics: metrics)
        try await Application(router: router).test(.router) { client in
            for _ in 0..<AuthenticationFailures.limit {
                #expect(try await client.call(.get, "/v2/customers/list", key: "tk_" + String(repeating: "A", count: 43)).status == 401)
            }
            let limited = try await client.call(.get, "/v2/customers/list", key: "tk_" + String(repeating: "B", count: 43))
            #expect(limited.status == 429)
            let retryAfter = try #require(limited.headers[.retryAfter].flatMap { Int($0) })
            #expect((1...AuthenticationFailures.window).contains(Int64(retryAfter)))
            // A valid key from the same client still works.
            #expect(try await client.call(.get, "/v2/customers/list", key: fixture.keys["admin"]!).status == 200)
            let exposition = try await client.execute(uri: "/metrics", method: .get) { String(buffer: $0.body) }
            #expect(exposition.contains("tresor_authentication_failures_total \(AuthenticationFailures.limit)"), "\(exposition)")
        }
    }

    @Test("the window ends: a limited client is let through again once it has passed (injected clock)")
    func windowEnds() {
        let now = ManualClock(start: 1_000)
        let failures = AuthenticationFailures(metrics: PrometheusCollectorRegistry(), clock: { now.value })
        for _ in 0..<AuthenticationFailures.limit { failures.record(client: "192.0.2.1") }
        #expect(failures.retryAfter(client: "192.0.2.1") == AuthenticationFailures.window)
        #expect(failures.retryAfter(client: "192.0.2.2") == nil)
        now.advance(by: AuthenticationFailures.window)
        #expect(failures.retryAfter(client: "192.0.2.1") == nil)
    }

    @Test("metrics count a thrown 4xx under its own status, not as a 500")
    func metricsStatus() async throws {
        let registry = MetricsBootstrap.registry
        let fixture = try await HTTPFixture()
        // Routes no other test drives into a 500 (the metrics registry is shared by the process).
        try await fixture.test { client throws -> Void in
            let missing = try await client.call(.get, "/v2/compliance/erasure-certificates/\(UUID())", key: fixture.keys["admin"]!)
            #expect(missing.status == 404)
            let unknownKey = try await client.call(.get, "/v2/teammates/retrieve/\(UUID())", key: String(fixture.keys["admin"]!.dropLast()) + "x")
            #expect(unknownKey.status == 401)
        }
        let lines = registry.emitToString().split(separator: "\n").filter { $0.hasPrefix("hb_requests") }
        let certificates = lines.filter { $0.contains("erasure-certificates") }
        let teammates = lines.filter { $0.contains("teammates/retrieve") }
        #expect(certificates.contains { $0.contains("http_response_status_code=\"404\"") }, "\(certificates)")
        #expect(teammates.contains { $0.contains("http_response_status_code=\"401\"") }, "\(teammates)")
        #expect(!(certificates + teammates).contains { $0.contains("\"500\"") }, "\(certificates + teammates)")
    }
}

/// swift-metrics is bootstrapped once per process; the tests that read Hummingbird's own
/// metrics share this registry.
enum MetricsBootstrap {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()
}

/// A clock a test moves by hand.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds: Int64

    init(start: Int64) { seconds = start }

    var value: Int64 { lock.withLock { seconds } }

    func advance(by delta: Int64) { lock.withLock { seconds += delta } }
}
