import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TresorCompliance
import TresorCrypto
import TresorDeployment
import TresorHTTP
import TresorModel
import TresorService
import TresorStore

/// A real store in a temporary directory, the service, API keys of several roles, and the app.
final class HTTPFixture: @unchecked Sendable {
    let directory: URL
    let store: any CustomerStore
    let service: TresorService
    let policies: PolicySet
    private(set) var keys: [String: String] = [:]

    /// The shipped residency.yaml with the test hosts listed as webhook destinations.
    static let residencyText = DefaultPolicies.residency.replacingOccurrences(of: "webhook_destinations: []", with: """
        webhook_destinations:
          - host: hooks.example.de
            country: DE
          - host: "*.example.us"
            country: US
          - host: hooks.example.ch
            country: CH
        """)

    /// Names resolve to a public address without DNS (the tests run offline).
    static let destinations = WebhookDestinationCheck(resolver: { _ in [NetworkAddress(literal: "185.199.108.153")!] })

    /// `roles`: a roles.yaml of the test's own instead of the shipped one.
    init(residency: ResidencyPolicy? = nil, email: EmailSettings? = nil, destinations: WebhookDestinationCheck = HTTPFixture.destinations,
         roles: String? = nil) async throws {
        let residency = try residency ?? ResidencyPolicy(text: Self.residencyText)
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-http-\(UUID().uuidString)")
        store = try await Deployment(directory: directory).openStore(keyring: try MasterKeyring.generate())
        var policyDirectory: URL?
        if let roles {
            policyDirectory = directory.appendingPathComponent("policies")
            try FileManager.default.createDirectory(at: policyDirectory!, withIntermediateDirectories: true)
            try roles.write(to: policyDirectory!.appendingPathComponent("roles.yaml"), atomically: true, encoding: .utf8)
        }
        policies = try PolicySet.load(directory: policyDirectory)
        let exporter = SubjectExporter(store: store, policies: policies, signingKey: store.accessLog.signingKey!, tresorVersion: "test")
        service = TresorService(store: store, residency: residency, email: email, exporter: exporter, webhookDestinations: destinations,
                                roles: policies.roles)
        for role in ["admin", "integration", "marketing", "compliance-officer"] where policies.roles.role(named: role) != nil {
            keys[role] = try await store.apiKeys.create(name: role, roleName: role, reach: .all).secret
        }
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// The data file, for tests that look inside it or tamper with it from outside.
    var dataFile: String { directory.appendingPathComponent("tresor.sqlite").path }

    /// A key of `role` narrowed to `reach`.
    func key(role: String, reach: CustomerReach) async throws -> String {
        try await store.apiKeys.create(name: "narrowed", roleName: role, reach: reach).secret
    }

    func test<Value: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        let app = buildApplication(service: service, apiKeys: store.apiKeys, idempotency: store.idempotency, policies: policies)
        return try await app.test(.router, body)
    }
}

extension TestClientProtocol {
    /// Sends `json` with a bearer key and returns status, parsed body and headers.
    @discardableResult
    func call(_ method: HTTPRequest.Method, _ uri: String, key: String?, json: Any? = nil, raw: String? = nil) async throws -> APIResult {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let key { headers[.authorization] = "Bearer \(key)" }
        var body: ByteBuffer?
        if let json { body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: json)) }
        if let raw { body = ByteBuffer(string: raw) }
        return try await execute(uri: uri, method: method, headers: headers, body: body) { response in
            let object = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
            return APIResult(status: response.status.code, body: object, headers: response.headers)
        }
    }
}

struct APIResult: @unchecked Sendable {
    var status: Int
    var body: [String: Any]
    var headers: HTTPFields

    var customer: [String: Any] { body["customer"] as? [String: Any] ?? [:] }
    var customerID: String { customer["id"] as? String ?? "" }
}

/// A valid Tamio create body.
func customerBody(_ name: String = "Anna", email: String = "anna@example.de", teammate: String? = nil) -> [String: Any] {
    var body: [String: Any] = [
        "name": name, "last_name": "Schmidt", "email": email, "country": "de", "phone": "+49 30 1234567", "locale": "de",
        "timezone_offset": "+01:00",
        "billing_information": ["name": name, "country": "de", "address": "Friedrichstr. 1", "city": "Berlin", "postcode": "10117",
                                "vat": "DE136695976", "is_company": true],
        "shipping_information": ["name": name, "country": "at", "address": "Ring 2", "city": "Wien", "message": "Tor 3"],
    ]
    if let teammate { body["teammate_id"] = teammate }
    return body
}
