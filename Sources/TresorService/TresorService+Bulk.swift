import Foundation
import TresorModel
import TresorStore

/// Which ids a bulk operation acts on, decided in one place for every bulk operation.
extension TresorService {
    /// The ids among `ids` that the caller reaches; the others are answered `not_found` item by
    /// item. A caller in Tamio compatibility mode gets Tamio's answer instead: if any id is
    /// unknown, out of reach or (with `category`) of another category, the whole operation is
    /// refused as not found (400/1002) before anything changes.
    ///
    /// The check and the change are two steps: an id that another request erases between them is
    /// reported `not_found` in the answer's `errors`, as in the standard mode (Docs/api.md).
    func bulkTargets(_ ids: [UUID], resource: String, category: CustomerCategory? = nil, _ request: RequestInfo) async throws -> Set<UUID> {
        let reachable = try await reachableIDs(ids, request)
        guard request.principal.compatibility == .tamio else { return reachable }
        let found = try await existingCustomers(reachable, category: category)
        let missing = ids.filter { !found.contains($0) }
        guard missing.isEmpty else {
            throw StoreError.notFound(resource: missing.count == 1 ? resource : resource + "s",
                                      id: missing.prefix(10).map(\.lowercaseText).joined(separator: ", ") + (missing.count > 10 ? " and \(missing.count - 10) more" : ""))
        }
        return reachable
    }

    /// Which of `ids` are customers (of `category`, when given) now.
    private func existingCustomers(_ ids: Set<UUID>, category: CustomerCategory?) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        var query = CustomerQuery()
        query.includeLeads = true
        query.category = category
        query.onlyCustomerIDs = ids
        query.paging = .pages(page: 1, perPage: ids.count)
        return Set(try await store.listCustomers(query).customers.map(\.id))
    }
}
