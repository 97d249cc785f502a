import Foundation
import TresorModel
import TresorStore

/// Every operation the HTTP API and the command line offer, each as authorize → validate → act,
/// with the record of what happened handed to the observers in one place (``perform``).
public final class TresorService: Sendable {
    /// Most items one bulk create may hold (Tamio's limit).
    public static let maximumBulkCreate = 500
    /// Most ids one other bulk operation may name.
    public static let maximumBulkIDs = 1_000

    public let store: any CustomerStore
    private let observers: [any OperationObserver]

    public init(store: any CustomerStore, observers: [any OperationObserver] = []) {
        self.store = store
        self.observers = observers
    }

    /// Runs one operation: checks `scope`, runs `body`, and reports the outcome and the subjects
    /// `body` touched to every observer, whatever happens.
    func perform<Value: Sendable>(
        _ action: String, scope: Scope, request: RequestInfo, fields: [String] = [], subjects: [UUID] = [],
        _ body: () async throws -> (value: Value, subjects: [UUID])
    ) async throws -> Value {
        guard request.principal.has(scope) else {
            await report(action, request: request, fields: fields, subjects: subjects, outcome: .denied)
            throw ServiceError.missingScope(scope)
        }
        do {
            let result = try await body()
            await report(action, request: request, fields: fields, subjects: result.subjects, outcome: .ok)
            return result.value
        } catch let error as StoreError {
            if case .notFound = error {
                await report(action, request: request, fields: fields, subjects: subjects, outcome: .notFound)
            } else {
                await report(action, request: request, fields: fields, subjects: subjects, outcome: .error)
            }
            throw error
        } catch {
            await report(action, request: request, fields: fields, subjects: subjects, outcome: .error)
            throw error
        }
    }

    private func report(_ action: String, request: RequestInfo, fields: [String], subjects: [UUID], outcome: OperationRecord.Outcome) async {
        let record = OperationRecord(action: action, principalID: request.principal.id, subjects: subjects, fields: fields,
                                     outcome: outcome, requestID: request.requestID, purpose: request.purpose)
        for observer in observers { await observer.record(record) }
    }

    // MARK: Reach

    /// The customer, if it exists and the caller may reach it; otherwise not found (never
    /// "forbidden", so a narrowed key cannot learn that a customer exists).
    func reachableCustomer(_ id: UUID, _ request: RequestInfo) async throws -> Customer {
        let customer = try await store.customer(id: id)
        guard Self.reaches(request.principal, customer) else { throw StoreError.notFound(resource: "customer", id: id.uuidString.lowercased()) }
        return customer
    }

    static func reaches(_ principal: Principal, _ customer: Customer) -> Bool {
        switch principal.reach {
        case .all: return true
        case let .customers(ids): return ids.contains(customer.id.uuidString.lowercased())
        case let .assignedTo(teammate): return customer.teammateID?.uuidString.lowercased() == teammate
        }
    }

    /// Which of `ids` the caller may reach.
    func reachableIDs(_ ids: [UUID], _ request: RequestInfo) async throws -> Set<UUID> {
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
        return query
    }

    static func checkCount(_ count: Int, field: String, limit: Int) throws {
        guard count <= limit else { throw ServiceError.tooManyItems(field: field, limit: limit) }
    }
}
