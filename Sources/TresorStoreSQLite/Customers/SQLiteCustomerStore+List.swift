import Foundation
import GRDB
import TresorCrypto
import TresorModel
import TresorStore

extension SQLiteCustomerStore {
    /// Sorting by name or email decrypts every matching row in memory; above this many matches
    /// the request is refused rather than slow (Docs/storage.md, "Sorting").
    public static let maximumRowsToSortInMemory = 50_000

    public func listCustomers(_ query: CustomerQuery) async throws -> CustomerPage {
        if let only = query.onlyCustomerIDs, only.isEmpty {
            return CustomerPage(customers: [], totalResults: 0, hasMore: false)
        }
        var conditions = try self.filter(for: query)
        if let text = query.filter {
            let matches = try await searchMatches(text, where: conditions)
            guard !matches.isEmpty else { return CustomerPage(customers: [], totalResults: 0, hasMore: false) }
            conditions.sql += " AND id IN \(Database.placeholders(matches.count))"
            conditions.arguments += matches.sorted().map(\.databaseValue)
        }
        let filter = conditions
        let pageIDs: [String]
        let totalResults: Int?
        let hasMore: Bool
        switch query.sortBy {
        case .createdAt, .country:
            (pageIDs, totalResults, hasMore) = try await data.read { db in try Self.pageInSQL(query, filter: filter, db: db) }
        case .name, .email:
            (pageIDs, totalResults, hasMore) = try await pageInMemory(query, filter: filter)
        }
        let customers = try await self.customers(ids: pageIDs.compactMap(UUID.init(uuidString:)))
        return CustomerPage(customers: customers, totalResults: totalResults, hasMore: hasMore)
    }

    /// A WHERE clause and its arguments.
    struct Filter: Sendable {
        var sql: String
        var arguments: [DatabaseValue]

        var statementArguments: StatementArguments { StatementArguments(arguments) }
    }

    private func filter(for query: CustomerQuery) throws -> Filter {
        var clauses: [String] = []
        var arguments: [DatabaseValue] = []
        if let category = query.category {
            clauses.append("category = ?")
            arguments.append(category.rawValue.databaseValue)
        } else if !query.includeLeads {
            clauses.append("category = 'customer'")
        }
        if let teammate = query.teammateID {
            clauses.append("teammate_id = ?")
            arguments.append(teammate.lowercasedString.databaseValue)
        }
        if let teammates = query.teammateIDs {
            clauses.append(teammates.isEmpty ? "0" : "teammate_id IN \(Database.placeholders(teammates.count))")
            arguments += teammates.map(\.lowercasedString.databaseValue)
        }
        if !query.countries.isEmpty {
            clauses.append("country IN \(Database.placeholders(query.countries.count))")
            arguments += query.countries.map(\.code.databaseValue)
        }
        if let list = query.mailingListID {
            clauses.append("id IN (SELECT customer_id FROM mailing_list_members WHERE list_id = ?)")
            arguments.append(list.lowercasedString.databaseValue)
        }
        if let email = query.email {
            clauses.append("email_index = ?")
            arguments.append(Data(try emailIndex.index(ofEmail: email)).databaseValue)
        }
        if let only = query.onlyCustomerIDs {
            clauses.append("id IN \(Database.placeholders(only.count))")
            arguments += only.map(\.lowercasedString.databaseValue)
        }
        if let from = query.from {
            clauses.append("created_at >= ?")
            arguments.append(from.databaseValue)
        }
        if let to = query.to {
            clauses.append("created_at <= ?")
            arguments.append(to.databaseValue)
        }
        return Filter(sql: clauses.isEmpty ? "1" : clauses.joined(separator: " AND "), arguments: arguments)
    }

    private static func pageInSQL(_ query: CustomerQuery, filter: Filter, db: Database) throws -> ([String], Int?, Bool) {
        let direction = query.order == .ascending ? "ASC" : "DESC"
        let orderBy = query.sortBy == .country
            ? "country \(direction), created_at \(direction), id \(direction)"
            : "created_at \(direction), id \(direction)"
        switch query.paging {
        case let .pages(page, perPage):
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM customers WHERE \(filter.sql)", arguments: filter.statementArguments) ?? 0
            let ids = try String.fetchAll(db, sql: "SELECT id FROM customers WHERE \(filter.sql) ORDER BY \(orderBy) LIMIT ? OFFSET ?",
                                          arguments: filter.statementArguments + [perPage, (page - 1) * perPage])
            return (ids, total, page * perPage < total)
        case let .cursor(limit, startingAfter):
            var sql = "SELECT id FROM customers WHERE \(filter.sql)"
            var arguments = filter.statementArguments
            if let startingAfter {
                // The anchor is looked up inside the list's own filter (a narrowed key's reach included),
                // so a customer outside it answers exactly as one that does not exist.
                guard let anchor = try Row.fetchOne(db, sql: "SELECT country, created_at, id FROM customers WHERE id = ? AND \(filter.sql)",
                                                    arguments: [startingAfter.lowercasedString] + filter.statementArguments) else {
                    throw StoreError.invalidField(FieldError(field: "starting_after", reason: "names no customer in this list"))
                }
                let comparison = query.order == .ascending ? ">" : "<"
                let createdAt: Int64 = anchor["created_at"]
                let id: String = anchor["id"]
                let afterCreated = "(created_at \(comparison) ? OR (created_at = ? AND id \(comparison) ?))"
                if query.sortBy == .country {
                    let country: String = anchor["country"]
                    sql += " AND (country \(comparison) ? OR (country = ? AND \(afterCreated)))"
                    arguments += [country, country, createdAt, createdAt, id]
                } else {
                    sql += " AND \(afterCreated)"
                    arguments += [createdAt, createdAt, id]
                }
            }
            let ids = try String.fetchAll(db, sql: sql + " ORDER BY \(orderBy) LIMIT ?", arguments: arguments + [limit + 1])
            return (Array(ids.prefix(limit)), nil, ids.count > limit)
        }
    }

    /// Sorting on a sealed column: decrypt that column of every match, sort, then page.
    private func pageInMemory(_ query: CustomerQuery, filter: Filter) async throws -> ([String], Int?, Bool) {
        let column = query.sortBy == .name ? "name" : "email"
        let limit = Self.maximumRowsToSortInMemory
        let ids = try await data.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM customers WHERE \(filter.sql) LIMIT ?", arguments: filter.statementArguments + [limit + 1])
        }
        guard ids.count <= limit else { throw StoreError.tooManyRowsToSort(limit: limit) }
        let dataKeys = try await keys.keys(for: ids)
        let sortValues = try await data.read { db in
            var values: [(id: String, value: String)] = []
            for row in try db.fetchRows(forEachChunkOf: ids, { "SELECT id, \(column) FROM customers WHERE id IN \($0)" }) {
                let id: String = row["id"]
                guard let key = dataKeys[id] else { continue }
                let value = try RecordCodec.open(row, column: column, table: "customers", rowID: id, key: key) ?? ""
                values.append((id, value))
            }
            return values
        }
        let page = try StoreRules.pageDecrypted(sortValues, query: query)
        return (page.ids, page.totalResults, page.hasMore)
    }
}
