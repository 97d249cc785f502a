import Foundation
import TresorCompliance
import TresorModel
import TresorStore

/// Every operation the HTTP API and the command line offer, each as authorize → act → record,
/// with the access-log entry written in one place (``perform(_:scope:request:fields:subjects:reading:)``
/// and ``perform(_:scope:request:fields:subjects:writing:)``).
public final class TresorService: Sendable {
    /// Most items one bulk create may hold (Tamio's limit).
    public static let maximumBulkCreate = 500
    /// Most ids one other bulk operation may name.
    public static let maximumBulkIDs = 1_000

    public let store: any CustomerStore
    /// Where data may go: checked when a webhook endpoint is registered.
    public let residency: ResidencyPolicy
    /// The sender and relay for `send-email`; nil when the server has no relay.
    public let email: EmailSettings?
    /// Builds subject export packages; nil when the deployment cannot sign them.
    public let exporter: SubjectExporter?
    /// The legal-hold rules (and access-log retention).
    public let retention: RetentionPolicy

    public init(store: any CustomerStore, residency: ResidencyPolicy = .builtIn, retention: RetentionPolicy = .builtIn,
                email: EmailSettings? = nil, exporter: SubjectExporter? = nil) {
        self.store = store
        self.residency = residency
        self.retention = retention
        self.email = email
        self.exporter = exporter
    }

    /// Runs an operation that reads (or changes nothing personal): checks `scope`, runs `body`,
    /// then appends the entry naming the subjects `body` returned. The value is handed out only
    /// once its entry is committed (fail closed).
    func perform<Value: Sendable>(
        _ action: String, scope: Scope, request: RequestInfo, fields: [String] = [], subjects: [UUID] = [],
        reading body: () async throws -> (value: Value, subjects: [UUID])
    ) async throws -> Value {
        let record = request.accessRecord(action: action, fields: fields, subjects: subjects)
        try await authorize(scope, record, request)
        let result = try await recordingFailures(of: record) { try await body() }
        try await store.recordAccess(record.with(subjects: result.subjects))
        return result.value
    }

    /// Runs an operation that writes personal data: checks `scope` and runs `body`, which passes
    /// the record to the store so the entry commits in the same transaction as the change.
    func perform<Value: Sendable>(
        _ action: String, scope: Scope, request: RequestInfo, fields: [String] = [], subjects: [UUID] = [],
        writing body: (AccessRecord) async throws -> Value
    ) async throws -> Value {
        let record = request.accessRecord(action: action, fields: fields, subjects: subjects)
        try await authorize(scope, record, request)
        return try await recordingFailures(of: record) { try await body(record) }
    }

    private func authorize(_ scope: Scope, _ record: AccessRecord, _ request: RequestInfo) async throws {
        guard request.principal.has(scope) else {
            try await store.recordAccess(record.with(subjects: record.subjects, outcome: .denied))
            throw ServiceError.missingScope(scope)
        }
    }

    /// Runs `body`; if it fails, appends the failure (`not_found` or `error`) and rethrows.
    private func recordingFailures<Value>(of record: AccessRecord, _ body: () async throws -> Value) async throws -> Value {
        do {
            return try await body()
        } catch {
            let outcome: AccessRecord.Outcome
            switch error {
            case StoreError.notFound, ServiceError.noSubjectFound: outcome = .notFound
            default: outcome = .error
            }
            try await store.recordAccess(record.with(subjects: record.subjects, outcome: outcome))
            throw error
        }
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
