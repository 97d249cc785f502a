import Foundation
import TresorModel
import TresorStore

/// Narrowing: how far a caller reaches among customers, applied by every operation that names a
/// customer or returns data about one (Docs/security.md). Whatever lies outside the caller's
/// reach answers exactly as something that does not exist.
extension TresorService {
    /// The customer, if it exists and the caller may reach it; otherwise not found (never
    /// "forbidden", so a narrowed key cannot learn that a customer exists).
    func reachableCustomer(_ id: UUID, _ request: RequestInfo) async throws -> Customer {
        let customer = try await store.customer(id: id)
        guard Self.reaches(request.principal, customer) else { throw StoreError.notFound(resource: "customer", id: id.uuidString.lowercased()) }
        return customer
    }

    static func reaches(_ principal: Principal, _ customer: Customer) -> Bool {
        guard principal.role.rows?.admits(customer) ?? true else { return false }
        switch principal.reach {
        case .all: return true
        case let .customers(ids): return ids.contains(customer.id.uuidString.lowercased())
        case let .assignedTo(teammate): return customer.teammateID?.uuidString.lowercased() == teammate
        }
    }

    /// Which of `ids` the caller may reach. For a key narrowed to a teammate's customers, or a
    /// role with a row filter, only customers whose rows still exist can be reached: an erased
    /// customer is assigned to no one and in no country.
    func reachableIDs(_ ids: [UUID], _ request: RequestInfo) async throws -> Set<UUID> {
        let byKey = try await reachableByKey(ids, request)
        guard let rows = request.principal.role.rows, !byKey.isEmpty else { return byKey }
        var query = CustomerQuery()
        query.includeLeads = true
        query.onlyCustomerIDs = byKey
        query.paging = .pages(page: 1, perPage: byKey.count)
        return Set(try await store.listCustomers(query).customers.filter(rows.admits).map(\.id))
    }

    /// Which of `ids` the caller's key reaches (its narrowing alone).
    private func reachableByKey(_ ids: [UUID], _ request: RequestInfo) async throws -> Set<UUID> {
        switch request.principal.reach {
        case .all:
            return Set(ids)
        case let .customers(allowed):
            return Set(ids.filter { allowed.contains($0.uuidString.lowercased()) })
        case let .assignedTo(teammate):
            guard let teammateID = UUID(uuidString: teammate), !ids.isEmpty else { return [] }
            var query = CustomerQuery()
            query.includeLeads = true
            query.onlyCustomerIDs = Set(ids)
            query.teammateID = teammateID
            query.paging = .pages(page: 1, perPage: ids.count)
            return Set(try await store.listCustomers(query).customers.map(\.id))
        }
    }

    /// Whether the caller reaches the data subject `id` (a customer, or one already erased).
    func reaches(subject id: UUID, _ request: RequestInfo) async throws -> Bool {
        guard request.principal.isNarrowed else { return true }
        return try await reachableIDs([id], request).contains(id)
    }

    /// Throws `notFound` unless the caller reaches `subject`: the very error a `resource` with
    /// the id `id` that does not exist gives, so the answer tells nothing.
    func requireReach(subject: UUID, orNotFound resource: String, id: String, _ request: RequestInfo) async throws {
        guard try await reaches(subject: subject, request) else { throw StoreError.notFound(resource: resource, id: id) }
    }

    /// The items whose subject the caller reaches, in their order.
    func reachable<Item>(_ items: [Item], subject: (Item) -> UUID, _ request: RequestInfo) async throws -> [Item] {
        guard request.principal.isNarrowed else { return items }
        let reachable = try await reachableIDs(Array(Set(items.map(subject))), request)
        return items.filter { reachable.contains(subject($0)) }
    }

    /// Narrows a list query to what the caller may see.
    func narrowed(_ query: CustomerQuery, _ request: RequestInfo) -> CustomerQuery {
        var query = query
        switch request.principal.reach {
        case .all:
            break
        case let .customers(ids):
            let allowed = Set(ids.compactMap(UUID.init(uuidString:)))
            query.onlyCustomerIDs = query.onlyCustomerIDs.map { $0.intersection(allowed) } ?? allowed
        case let .assignedTo(teammate):
            let own = UUID(uuidString: teammate)
            if let asked = query.teammateID, asked != own { query.onlyCustomerIDs = [] }
            query.teammateID = own
        }
        if let rows = request.principal.role.rows { query = Self.filtered(query, by: rows) }
        return query
    }

    /// A list query limited to what a role's row filter admits; one that asks for nothing the
    /// filter admits finds nothing.
    static func filtered(_ query: CustomerQuery, by rows: RowFilter) -> CustomerQuery {
        var query = query
        if let countries = rows.countries {
            let asked = query.countries.isEmpty ? Array(countries) : query.countries.filter(countries.contains)
            if asked.isEmpty { query.onlyCustomerIDs = [] }
            query.countries = asked.sorted { $0.code < $1.code }
        }
        if let categories = rows.categories {
            if let asked = query.category {
                if !categories.contains(asked) { query.onlyCustomerIDs = [] }
            } else if !categories.contains(.customer) {
                // Only leads: a list of customers without leads finds nothing, one with them finds the leads.
                if query.includeLeads { query.category = .lead } else { query.onlyCustomerIDs = [] }
            } else if !categories.contains(.lead) {
                query.category = .customer
            }
        }
        if let teammates = rows.teammates {
            if let asked = query.teammateID, !teammates.contains(asked) { query.onlyCustomerIDs = [] }
            query.teammateIDs = query.teammateIDs.map { $0.intersection(teammates) } ?? teammates
        }
        return query
    }
}
