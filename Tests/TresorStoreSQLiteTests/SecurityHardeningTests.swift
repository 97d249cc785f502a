import Foundation
import GRDB
import Testing
import TresorCrypto
import TresorModel
import TresorStore
@testable import TresorStoreSQLite

/// Low findings of the security review (issue 21) that live in the store.
@Suite("store: revocation bound, file modes, NUL")
struct SecurityHardeningTests {
    @Test("a key revoked by another process stops working within cacheSeconds of its last check, never later")
    func revocationBound() async throws {
        let fixture = try await StoreFixture()
        let (record, secret) = try await fixture.store.apiKeys.create(name: "k", roleName: "admin", reach: .all)
        #expect(try await fixture.store.apiKeys.authenticate(secret: secret)?.id == record.id)
        // `tresor keys revoke` in another process: the row changes, this process's cache does not hear of it.
        let queue = try DatabaseQueue(path: fixture.dataPath)
        try await queue.write { db in try db.execute(sql: "UPDATE api_keys SET revoked_at = 1 WHERE id = ?", arguments: [record.id]) }
        fixture.clock.advance(by: APIKeyRecord.cacheSeconds - 1)
        #expect(try await fixture.store.apiKeys.authenticate(secret: secret) != nil, "still remembered within the bound")
        fixture.clock.advance(by: 1)
        #expect(try await fixture.store.apiKeys.authenticate(secret: secret) == nil, "refused once cacheSeconds have passed")
    }

    @Test("the database files and their write-ahead files are 0600, also in a directory made beforehand with a wider mode")
    func fileModes() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-modes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await SQLiteCustomerStore.open(directory: directory, keyring: try MasterKeyring.generate())
        _ = try await store.createCustomer(StoreFixture.draft("M"))
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.contains(".sqlite") {
            let mode = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(name).path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(name): \(String(mode ?? 0, radix: 8))")
        }
        try store.close()
    }

    @Test("a NUL in a metadata key or value is refused naming metadata")
    func nulInMetadata() throws {
        for metadata in [["a\u{0}b": "x"], ["a": "x\u{0}y"]] {
            var draft = StoreFixture.draft("N")
            draft.metadata = metadata
            #expect { try draft.validated(id: UUID(), now: 0) } throws: { ($0 as? FieldError)?.field.hasPrefix("metadata") == true }
        }
    }
}
