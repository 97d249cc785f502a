import Foundation
import GRDB
import Testing
import TresorCrypto
import TresorModel
import TresorStore
@testable import TresorStoreSQLite

@Suite("Customer store: create, read, update, delete")
struct CustomerStoreTests {
    @Test("email is unique: a duplicate create is 10142, a duplicate update is 10082")
    func emailUniqueness() async throws {
        let fixture = try await StoreFixture()
        _ = try await fixture.store.createCustomer(StoreFixture.draft("A", email: "anna@example.de"))
        let other = try await fixture.store.createCustomer(StoreFixture.draft("B", email: "bert@example.de"))
        let createError = await #expect(throws: StoreError.self) {
            try await fixture.store.createCustomer(StoreFixture.draft("C", email: "  ANNA@example.DE "))
        }
        #expect(createError == .emailAlreadyExists)
        #expect(createError?.tamioCode == 10142)
        let updateError = await #expect(throws: StoreError.self) {
            try await fixture.store.updateCustomer(id: other.id, with: CustomerPatch(email: "Anna@Example.de"))
        }
        #expect(updateError == .emailAlreadyUsed)
        #expect(updateError?.tamioCode == 10082)
        // Nothing half-written: the refused create left no customer and no key behind.
        let page = try await fixture.store.listCustomers(CustomerQuery())
        #expect(page.totalResults == 2)
        #expect(try await fixture.store.customer(id: other.id).email == "bert@example.de")
        let keyCount = try await DatabaseQueue(path: fixture.keysPath).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM subject_keys") }
        #expect(keyCount == 2)
    }

    @Test("delete destroys the data key first; the old ciphertext cannot be opened even with the master key")
    func deleteDestroysKey() async throws {
        let fixture = try await StoreFixture()
        let created = try await fixture.store.createCustomer(StoreFixture.draft("D"))
        let subject = created.id.uuidString.lowercased()
        let keys = try DatabaseQueue(path: fixture.keysPath)
        let wrapped = try #require(try await keys.read { try Data.fetchOne($0, sql: "SELECT wrapped_key FROM subject_keys WHERE subject_id = ?", arguments: [subject]) })
        let sealedEmail = try #require(try await DatabaseQueue(path: fixture.dataPath).read {
            try Data.fetchOne($0, sql: "SELECT email FROM customers WHERE id = ?", arguments: [subject])
        })
        try keys.close()

        try await fixture.store.deleteCustomer(id: created.id)
        await #expect(throws: StoreError.self) { try await fixture.store.customer(id: created.id) }
        try fixture.store.close()

        let remaining = try await DatabaseQueue(path: fixture.keysPath).read {
            try Data.fetchAll($0, sql: "SELECT wrapped_key FROM subject_keys")
        }
        #expect(!remaining.contains(wrapped))
        // The wrapped key's bytes are gone from the file itself (secure_delete), not just unlinked.
        let keyFile = try Data(contentsOf: URL(fileURLWithPath: fixture.keysPath))
        #expect(keyFile.range(of: wrapped) == nil)
        // No key the master key can still unwrap opens the old ciphertext.
        let context = FieldContext(table: "customers", column: "email", rowID: subject)
        #expect(throws: (any Error).self) {
            try fixture.keyring.unwrap(WrappedDataKey(bytes: Array(wrapped)), subjectID: "someone-else")
        }
        for other in remaining {
            let otherKey = try? fixture.keyring.unwrap(WrappedDataKey(bytes: Array(other)), subjectID: subject)
            #expect(otherKey == nil || (try? otherKey!.open(Array(sealedEmail), context: context)) == nil)
        }
    }

    @Test("a sealed email copied into another customer's row does not open")
    func movedCiphertextFails() async throws {
        let fixture = try await StoreFixture()
        let anna = try await fixture.store.createCustomer(StoreFixture.draft("A", email: "anna@example.de"))
        let bert = try await fixture.store.createCustomer(StoreFixture.draft("B", email: "bert@example.de"))
        try await fixture.store.data.write { db in
            try db.execute(sql: "UPDATE customers SET email = (SELECT email FROM customers WHERE id = ?) WHERE id = ?",
                           arguments: [anna.id.uuidString.lowercased(), bert.id.uuidString.lowercased()])
        }
        let error = await #expect(throws: StoreError.self) { try await fixture.store.customer(id: bert.id) }
        guard case .unreadable = error else {
            Issue.record("expected unreadable, got \(String(describing: error))")
            return
        }
        #expect(try await fixture.store.customer(id: anna.id).email == "anna@example.de")
    }
}
