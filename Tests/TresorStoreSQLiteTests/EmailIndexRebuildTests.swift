import Foundation
import GRDB
import Testing
import TresorCrypto
import TresorModel
import TresorStore
@testable import TresorStoreSQLite

/// Email normalisation version 2 (issue 21): indexes written under version 1 are rebuilt at open.
@Suite("store: email index rebuild")
struct EmailIndexRebuildTests {
    /// Puts `id`'s index back to what version 1 computed, and forgets that indexes are current.
    static func downgrade(_ fixture: StoreFixture, id: UUID, email: String) throws {
        let old = Data(try fixture.store.emailIndex.index(ofNormalized: BlindIndexKey.normalizeEmailVersion1(email)))
        let queue = try DatabaseQueue(path: fixture.dataPath)
        try queue.write { db in
            try db.execute(sql: "UPDATE customers SET email_index = ? WHERE id = ?", arguments: [old, id.uuidString.lowercased()])
            try db.execute(sql: "DELETE FROM tresor_meta WHERE key = 'email_index_normalization'")
        }
    }

    @Test("a version-1 index is rebuilt at open: the full-width address is found by its plain form afterwards")
    func rebuilt() async throws {
        let fixture = try await StoreFixture()
        let nora = try await fixture.store.createCustomer(StoreFixture.draft("N", email: "ｎｏｒａ@example.de"))
        try Self.downgrade(fixture, id: nora.id, email: "ｎｏｒａ@example.de")
        try await fixture.reopen()
        #expect(try await fixture.store.customer(email: "nora@example.de")?.id == nora.id)
        #expect(try await fixture.store.emailIndexConflicts().isEmpty)
        // A new customer with another spelling of the address is refused.
        await #expect(throws: StoreError.emailAlreadyExists) { try await fixture.store.createCustomer(StoreFixture.draft("M", email: "\"nora\"@example.de")) }
    }

    @Test("two customers that are one address under version 2: the one that already held the index keeps it, the other is reported; nothing is lost")
    func conflict() async throws {
        let fixture = try await StoreFixture()
        let fullWidth = try await fixture.store.createCustomer(StoreFixture.draft("F", email: "ｎｏｒａ@example.de"))
        try Self.downgrade(fixture, id: fullWidth.id, email: "ｎｏｒａ@example.de")
        fixture.clock.advance(by: 1)
        let plain = try await fixture.store.createCustomer(StoreFixture.draft("P", email: "nora@example.de"))
        try Self.downgrade(fixture, id: plain.id, email: "nora@example.de")
        try await fixture.reopen()
        #expect(try await fixture.store.emailIndexConflicts() == [fullWidth.id])
        #expect(try await fixture.store.customer(email: "nora@example.de")?.id == plain.id, "lookups find what they found before")
        #expect(try await fixture.store.customer(id: fullWidth.id).email == "ｎｏｒａ@example.de", "the other one is still there")
        try await fixture.reopen()
        #expect(try await fixture.store.emailIndexConflicts() == [fullWidth.id], "rebuilt once; the report stays")
    }
}
