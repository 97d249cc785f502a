import Foundation
import Testing
import TresorModel
import TresorStore
import TresorStoreTestSupport

@Suite("Store: API keys and idempotency records")
struct RequestStoreTests {
    @Test("an API key authenticates by its secret until revoked; the list shows it, never the secret", arguments: StoreBackend.allCases)
    func apiKeys(backend: StoreBackend) async throws {
        let fixture = try await ConformanceFixture(backend)
        let keys = fixture.store.apiKeys
        let (record, secret) = try await keys.create(name: "shop", roleName: "integration", reach: .customers([UUID().lowercaseText]))
        #expect(secret.hasPrefix("tk_") && secret.count == 46)
        #expect(try await keys.authenticate(secret: secret) == record)
        #expect(try await keys.authenticate(secret: secret + "x") == nil)
        #expect(try await keys.list() == [record])
        try await keys.revoke(id: record.id)
        #expect(try await keys.authenticate(secret: secret) == nil)
        #expect(try await keys.list().first?.revokedAt == fixture.clock.now)
        let error = await #expect(throws: StoreError.self) { try await keys.revoke(id: record.id) }
        #expect(error == .notFound(resource: "API key", id: record.id))
    }

    @Test("a key keeps its compatibility mode; an endpoint keeps the header of its Tamio signature and its registering role", arguments: StoreBackend.allCases)
    func compatibility(backend: StoreBackend) async throws {
        let fixture = try await ConformanceFixture(backend)
        let (tamio, secret) = try await fixture.store.apiKeys.create(name: "old sync", roleName: "integration", reach: .all, compatibility: .tamio)
        let (standard, _) = try await fixture.store.apiKeys.create(name: "shop", roleName: "integration", reach: .all)
        #expect(tamio.compatibility == .tamio && standard.compatibility == .standard)
        #expect(try await fixture.store.apiKeys.authenticate(secret: secret)?.compatibility == .tamio)
        let listed = Dictionary(uniqueKeysWithValues: try await fixture.store.apiKeys.list().map { ($0.id, $0.compatibility) })
        #expect(listed == [tamio.id: .tamio, standard.id: .standard])

        let endpoints = fixture.store.webhookEndpoints
        let (signed, _) = try await endpoints.create(name: "CRM", url: "https://hooks.example.de/a", events: [.customerCreated],
                                                     country: CountryCode("DE")!, transferBasis: nil, payload: .minimal,
                                                     tamioSignatureHeader: "X-Tamio-Signature", roleName: "crm-sync")
        let (plain, _) = try await endpoints.create(url: "https://hooks.example.de/b", events: [.customerCreated],
                                                    country: CountryCode("DE")!, transferBasis: nil, payload: .minimal)
        #expect(try await endpoints.endpoint(id: signed.id).tamioSignatureHeader == "X-Tamio-Signature")
        #expect(try await endpoints.endpoint(id: plain.id).tamioSignatureHeader == nil)
        #expect(try await endpoints.endpoint(id: signed.id).roleName == "crm-sync")
        #expect(try await endpoints.endpoint(id: plain.id).roleName == nil)
        let headers = Dictionary(uniqueKeysWithValues: try await endpoints.endpoints().map { ($0.id, $0.tamioSignatureHeader) })
        #expect(headers == [signed.id: "X-Tamio-Signature", plain.id: nil])
    }

    @Test("an idempotency key: claimed once, in progress meanwhile, replayed after, refused for another request, free again when released",
          arguments: StoreBackend.allCases)
    func idempotency(backend: StoreBackend) async throws {
        let fixture = try await ConformanceFixture(backend)
        let records = fixture.store.idempotency
        let scope = IdempotencyScope(apiKeyID: "key_1", method: "POST", path: "/v2/customers/create", key: "k1")
        let hash: [UInt8] = Array(repeating: 1, count: 32)
        #expect(try await records.claim(scope, requestHash: hash) == .claimed)
        #expect(try await records.claim(scope, requestHash: hash) == .inProgress)
        try await records.complete(scope, status: 200, body: Data("{\"ok\":true}".utf8), subjects: [])
        #expect(try await records.claim(scope, requestHash: hash) == .replay(status: 200, body: Data("{\"ok\":true}".utf8)))
        #expect(try await records.claim(scope, requestHash: Array(repeating: 2, count: 32)) == .mismatch)

        let other = IdempotencyScope(apiKeyID: "key_2", method: "POST", path: "/v2/customers/create", key: "k1")
        #expect(try await records.claim(other, requestHash: hash) == .claimed, "another API key's key is another record")
        try await records.release(other)
        #expect(try await records.claim(other, requestHash: hash) == .claimed)
    }
}
