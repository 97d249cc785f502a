import Foundation
import GRDB
import Testing
import TresorModel
import TresorStore
@testable import TresorStoreSQLite

/// The `filter` index in SQLite (issue 20, item 1): numbers, not words; gone with the customer;
/// filled at open for customers stored before it existed.
@Suite("store: search tokens")
struct SearchTokenTests {
    static func tokenCount(_ fixture: StoreFixture, of id: UUID) throws -> Int {
        try DatabaseQueue(path: fixture.dataPath).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM customer_search_tokens WHERE customer_id = ?", arguments: [id.uuidString.lowercased()]) ?? 0
        }
    }

    static func search(_ fixture: StoreFixture, _ text: String) async throws -> [UUID] {
        var query = CustomerQuery()
        query.filter = text
        return try await fixture.store.listCustomers(query).customers.map(\.id)
    }

    @Test("a customer's terms are stored as truncated numbers: none of its words is in any file; erasure takes them")
    func numbersNotWords() async throws {
        let fixture = try await StoreFixture()
        let customer = try await fixture.store.createCustomer(CustomerDraft(name: "Quorvendal", lastName: "Xylophant", email: "quorvendal@zembrosk.example",
                                                                            company: "Wobbelkraft", country: "DE"))
        let count = try Self.tokenCount(fixture, of: customer.id)
        #expect(count >= 10, "prefixes of each word: \(count)")
        #expect(try await Self.search(fixture, "xylo") == [customer.id])
        let maximum = try await DatabaseQueue(path: fixture.dataPath).read { db in try Int64.fetchOne(db, sql: "SELECT max(token) FROM customer_search_tokens") ?? 0 }
        #expect(maximum < Int64(1) << CustomerSearch.tokenBits, "truncated to \(CustomerSearch.tokenBits) bits")
        try fixture.store.close()
        for file in try FileManager.default.contentsOfDirectory(atPath: fixture.directory.path) {
            let contents = try Data(contentsOf: fixture.directory.appendingPathComponent(file))
            for word in ["quorvendal", "quorv", "xylophant", "xylop", "zembrosk", "wobbelkraft", "wobbe"] {
                for needle in AtRestTests.encodings(of: word) + AtRestTests.encodings(of: word.capitalized) {
                    #expect(contents.range(of: needle) == nil, "\(file) holds \(word)")
                }
            }
        }
        try await fixture.reopen()
        try await fixture.store.deleteCustomer(id: customer.id)
        #expect(try Self.tokenCount(fixture, of: customer.id) == 0, "erasing the rows takes the tokens")
    }

    @Test("customers stored without tokens get them at the next open")
    func rebuiltAtOpen() async throws {
        let fixture = try await StoreFixture()
        let customer = try await fixture.store.createCustomer(StoreFixture.draft("Rebuilt"))
        try await DatabaseQueue(path: fixture.dataPath).write { db in
            try db.execute(sql: "DELETE FROM customer_search_tokens")
            try db.execute(sql: "DELETE FROM tresor_meta WHERE key = 'search_tokens_version'")
        }
        try await fixture.reopen()
        #expect(try await Self.search(fixture, "NameRebuilt") == [customer.id])
        #expect(try Self.tokenCount(fixture, of: customer.id) > 0)
    }
}
