import Foundation
import GRDB
import Testing
import TresorModel
import TresorStore
@testable import TresorStoreSQLite

/// Stored values that do not decode are errors naming table, column and row, never a default
/// (issue 16): a corrupt country is not "DE", a corrupt state is not the first case, a corrupt id
/// does not crash the process.
@Suite("store: unreadable stored values")
struct UnreadableValueTests {
    @Test("a corrupt country, category, time or address kind: the read fails naming where", arguments: [
        ("customers", "country", "'X1'"),
        ("customers", "category", "'bogus'"),
        ("customers", "created_at", "'yesterday'"),
        ("addresses", "kind", "'elsewhere'"),
        ("addresses", "country", "'ZZZ'"),
    ])
    func customerColumns(table: String, column: String, value: String) async throws {
        let fixture = try await StoreFixture()
        let customer = try await fixture.store.createCustomer(StoreFixture.draft("U"))
        let customerID = customer.id.uuidString.lowercased()
        let rowID = table == "customers" ? customerID : customer.billingAddresses[0].id.uuidString.lowercased()
        try await Self.execute(fixture, "UPDATE \(table) SET \(column) = \(value) WHERE id = ?", rowID)
        await #expect(throws: StoreError.unreadableValue(table: table, column: column, row: rowID)) {
            try await fixture.store.customer(id: customer.id)
        }
        let error = await #expect(throws: StoreError.self) { try await fixture.store.customer(id: customer.id) }
        #expect(error?.description.contains("NameU") == false)
    }

    @Test("a corrupt id in another store's row: an email template")
    func otherStores() async throws {
        let fixture = try await StoreFixture()
        let template = try await fixture.store.emailTemplates.create(EmailTemplateDraft(name: "t", subject: "s", textBody: "b", htmlBody: nil))
        try await Self.execute(fixture, "UPDATE email_templates SET id = 'not-a-uuid' WHERE id = ?", template.id.uuidString.lowercased())
        await #expect(throws: StoreError.unreadableValue(table: "email_templates", column: "id", row: "not-a-uuid")) {
            try await fixture.store.emailTemplates.templates()
        }
    }

    static func execute(_ fixture: StoreFixture, _ sql: String, _ argument: String) async throws {
        let queue = try DatabaseQueue(path: fixture.dataPath)
        try await queue.write { db in try db.execute(sql: sql, arguments: [argument]) }
        try queue.close()
    }
}
