import Foundation
import GRDB
import Testing
import TresorModel
import TresorStore
@testable import TresorStoreSQLite

@Suite("Crash recovery between the two files")
struct RecoveryTests {
    @Test("a delete interrupted after its intent was recorded is finished at the next open")
    func interruptedDelete() async throws {
        let fixture = try await StoreFixture()
        let customer = try await fixture.store.createCustomer(StoreFixture.draft("R"))
        let subject = customer.id.uuidString.lowercased()
        // The state a crash after step 1 of a delete leaves: intent recorded, key and rows still there.
        try await fixture.store.data.write { db in
            try db.execute(sql: "INSERT INTO pending_erasures (subject_id, kind) VALUES (?, 'customer')", arguments: [subject])
        }
        try await fixture.reopen()
        await #expect(throws: StoreError.self) { try await fixture.store.customer(id: customer.id) }
        let rows = try await fixture.store.data.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM customers") }
        #expect(rows == 0)
        #expect(try await fixture.store.keys.key(for: subject) == nil)
    }

    @Test("a key whose rows never got written is removed once it is older than the grace period")
    func interruptedCreate() async throws {
        let fixture = try await StoreFixture()
        let orphan = UUID().uuidString.lowercased()
        let (key, wrapped) = try fixture.store.keys.makeKey(for: orphan)
        try await fixture.store.keys.store([(orphan, key, wrapped)], now: fixture.clock.now)
        let kept = try await fixture.store.createCustomer(StoreFixture.draft("K"))

        try await fixture.reopen()  // Too recent: another process may still be writing its rows.
        #expect(try await fixture.store.keys.key(for: orphan) != nil)

        fixture.clock.advance(by: StoreRules.pendingKeyGracePeriod + 1)
        try await fixture.reopen()
        let remaining = try await DatabaseQueue(path: fixture.keysPath).read { db in
            try String.fetchAll(db, sql: "SELECT subject_id FROM subject_keys")
        }
        #expect(remaining == [kept.id.uuidString.lowercased()])
        #expect(try await fixture.store.customer(id: kept.id).name == "NameK")
        let pending = try await DatabaseQueue(path: fixture.keysPath).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM pending_keys") }
        #expect(pending == 0)
    }
}
