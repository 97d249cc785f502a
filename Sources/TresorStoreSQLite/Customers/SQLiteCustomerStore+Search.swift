import Foundation
import GRDB
import TresorCrypto
import TresorModel
import TresorStore

/// The `filter` search (``CustomerSearch``): truncated blind indexes of each customer's terms in
/// `customer_search_tokens`, written with the customer's rows and replaced when a searchable
/// field changes; erasing the customer's rows takes them too (ON DELETE CASCADE).
extension SQLiteCustomerStore {
    /// The version of ``CustomerSearch``'s terms the stored tokens were made with.
    static let searchTokensVersion = "1"

    /// The token values of a customer's searchable fields.
    func searchTokens(of customer: Customer) throws -> [Int64] {
        try searchTokens(ofFields: CustomerSearch.fields(of: customer))
    }

    /// The token values of searchable fields given in ``CustomerSearch/fields(of:)``'s order.
    func searchTokens(ofFields fields: [String?]) throws -> [Int64] {
        try CustomerSearch.terms(of: fields).map { try searchIndex.truncatedIndex(ofNormalized: $0, bits: CustomerSearch.tokenBits) }
    }

    /// A customer row's searchable fields, opened, in ``CustomerSearch/fields(of:)``'s order.
    private static func openSearchFields(_ row: PositionalRow<CustomerColumn>, id: String, key: DataKey) throws -> [String?] {
        try [CustomerColumn.name, .lastName, .company, .email].map { try row.open($0, rowID: id, key: key) }
    }

    /// Replaces the stored tokens of a customer.
    static func replaceSearchTokens(_ tokens: [Int64], of customerID: UUID, in db: Database) throws {
        try db.execute(sql: "DELETE FROM customer_search_tokens WHERE customer_id = ?", arguments: [customerID.lowercasedString])
        try insertSearchTokens(tokens, of: customerID, in: db)
    }

    /// Stores the tokens of a customer that has none yet.
    static func insertSearchTokens(_ tokens: [Int64], of customerID: UUID, in db: Database) throws {
        let id = customerID.lowercasedString
        let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO customer_search_tokens (token, customer_id) VALUES (?, ?)")
        try db.execute(insert, forEach: tokens.map { ($0, id) })
    }

    /// The customers whose searchable fields contain every word of `filter` as the start of a
    /// word, among those `where` selects: candidates from the tokens, then each candidate's four
    /// fields opened and checked. Refused when the words are too common to check in memory.
    func searchMatches(_ filter: String, where condition: Filter) async throws -> Set<String> {
        let tokens = try CustomerSearch.lookupTerms(filter).map { try searchIndex.truncatedIndex(ofNormalized: $0, bits: CustomerSearch.tokenBits) }
        let limit = Self.maximumRowsToSortInMemory
        let candidates = try await data.read { db in
            let byToken = Array(repeating: "id IN (SELECT customer_id FROM customer_search_tokens WHERE token = ?)", count: tokens.count)
            return try String.fetchAll(db, sql: "SELECT id FROM customers WHERE \(condition.sql) AND \(byToken.joined(separator: " AND ")) LIMIT ?",
                                       arguments: condition.statementArguments + StatementArguments(tokens) + [limit + 1])
        }
        guard candidates.count <= limit else { throw StoreError.invalidField(FieldError(field: "filter", reason: "matches too many customers: add a word")) }
        let dataKeys = try await keys.keys(for: candidates)
        let filterWords = CustomerSearch.words(filter)
        return try readers.read { db in
            var matches = Set<String>()
            try db.forEachRow(CustomerColumn.self, id: .id, ofChunksOf: candidates, {
                "SELECT \(CustomerColumn.selectList) FROM customers WHERE id IN \($0)"
            }) { row in
                let id = try row.text(.id)
                guard let key = dataKeys[id] else { return }  // being erased
                if CustomerSearch.matches(words: filterWords, fields: try Self.openSearchFields(row, id: id, key: key)) { matches.insert(id) }
            }
            return matches
        }
    }

    /// Fills the tokens of customers stored before search existed (or with other terms), once,
    /// at open: every customer's four fields opened and indexed in one transaction.
    func rebuildSearchTokensIfNeeded() async throws {
        let current = try await data.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM tresor_meta WHERE key = 'search_tokens_version'")
        }
        guard current != Self.searchTokensVersion else { return }
        let ids = try await data.read { db in try String.fetchAll(db, sql: "SELECT id FROM customers") }
        let dataKeys = try await keys.keys(for: ids)
        try await data.write { db in
            var tokens: [(UUID, [Int64])] = []
            try db.forEachRow(CustomerColumn.self, id: .id, ofChunksOf: ids, {
                "SELECT \(CustomerColumn.selectList) FROM customers WHERE id IN \($0)"
            }) { row in
                let id = try row.text(.id)
                guard let key = dataKeys[id] else { return }
                tokens.append((try row.uuid(.id), try self.searchTokens(ofFields: Self.openSearchFields(row, id: id, key: key))))
            }
            for (id, values) in tokens { try Self.replaceSearchTokens(values, of: id, in: db) }
            try db.execute(sql: "INSERT OR REPLACE INTO tresor_meta (key, value) VALUES ('search_tokens_version', ?)",
                           arguments: [Self.searchTokensVersion])
        }
    }
}
