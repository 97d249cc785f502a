import Foundation
import TresorModel
import TresorStore

/// What a caller asks for when it creates an API key.
public struct APIKeyDraft: Sendable {
    public var name: String?
    public var role: String?
    /// Narrow the key to these customers…
    public var customers: [UUID]?
    /// …or to the customers assigned to this teammate.
    public var assignedTo: UUID?
    /// How the key's answers are shaped; Tresor's own when nil.
    public var compatibility: APICompatibility?

    public init(name: String? = nil, role: String?, customers: [UUID]? = nil, assignedTo: UUID? = nil) {
        self.name = name
        self.role = role
        self.customers = customers
        self.assignedTo = assignedTo
    }
}

/// API keys (scope `keys.manage`, which only unnarrowed keys hold). A key never creates or
/// revokes a key whose role has scopes it lacks itself. Every change is an access-log entry whose
/// fields name the key (`api_key:key_…`) and its role (`role:…`); keys are not personal data.
extension TresorService {
    /// Creates a key; its secret is returned once and kept nowhere.
    public func createAPIKey(_ draft: APIKeyDraft, request: RequestInfo) async throws -> (record: APIKeyRecord, secret: String) {
        try await perform("api_key.create", scope: .keysManage, request: request) { record in
            let role = try checkedRole(draft.role)
            let name = try FieldRules.optionalText(draft.name, field: "name", maximumLength: 100) ?? role.name
            guard !name.contains(where: \.isNewline) else { throw FieldError(field: "name", reason: "must be one line") }
            let reach = try Self.reach(of: draft, role: role)
            try requireOwnScopes(role, request)
            let created = try await store.apiKeys.create(name: name, roleName: role.name, reach: reach,
                                                         compatibility: draft.compatibility ?? .standard)
            do {
                try await store.recordAccess(Self.keyRecord(record, created.record))
            } catch {
                try? await store.apiKeys.revoke(id: created.record.id)  // an unlogged key must not stay usable
                throw error
            }
            return created
        }
    }

    /// Every key, revoked ones included, without secrets.
    public func apiKeys(request: RequestInfo) async throws -> [APIKeyRecord] {
        try await perform("api_key.list", scope: .keysManage, request: request) { (try await store.apiKeys.list(), []) }
    }

    /// Revokes a key; requests with it are refused from now on (within 5 seconds in other processes).
    public func revokeAPIKey(id: String, request: RequestInfo) async throws -> APIKeyRecord {
        try await perform("api_key.revoke", scope: .keysManage, request: request) { record in
            guard var key = try await store.apiKeys.list().first(where: { $0.id == id }), key.revokedAt == nil else {
                throw StoreError.notFound(resource: "API key", id: String(id.prefix(64)))
            }
            if let role = roles.role(named: key.roleName) { try requireOwnScopes(role, request) }
            try await store.apiKeys.revoke(id: id)
            try await store.recordAccess(Self.keyRecord(record, key))
            key.revokedAt = clock.seconds
            return key
        }
    }

    private func checkedRole(_ name: String?) throws -> Role {
        guard let name, let role = roles.role(named: name) else {
            throw FieldError(field: "role", reason: "must be one of \(roles.roles.keys.sorted().joined(separator: ", "))")
        }
        return role
    }

    private func requireOwnScopes(_ role: Role, _ request: RequestInfo) throws {
        let beyond = role.scopes.filter { !request.principal.has($0) }.sorted()
        guard beyond.isEmpty else { throw ServiceError.beyondOwnScopes(beyond) }
    }

    private static func reach(of draft: APIKeyDraft, role: Role) throws -> CustomerReach {
        let reach: CustomerReach
        switch (draft.customers, draft.assignedTo) {
        case (.some, .some):
            throw FieldError(field: "assigned_to", reason: "cannot be given with customers: narrow a key one way")
        case let (.some(customers), nil):
            guard !customers.isEmpty else { throw FieldError(field: "customers", reason: "must name at least one customer") }
            try checkCount(customers.count, field: "customers", limit: maximumBulkIDs)
            reach = .customers(Set(customers.map(\.lowercaseText)))
        case let (nil, .some(teammate)):
            reach = .assignedTo(teammateID: teammate.lowercaseText)
        case (nil, nil):
            guard !role.assignedCustomersOnly else {
                throw FieldError(field: "assigned_to", reason: "is required: keys of role \(role.name) see only assigned customers")
            }
            reach = .all
        }
        do {
            try role.checkNarrowing(reach)
        } catch {
            throw FieldError(field: "role", reason: error.description)
        }
        return reach
    }

    /// The access-log record of a key change: no subjects, the key and its role as fields.
    private static func keyRecord(_ record: AccessRecord, _ key: APIKeyRecord) -> AccessRecord {
        var logged = record.with(subjects: [])
        logged.fields = ["api_key:\(key.id)", "role:\(key.roleName)"]
        if key.compatibility != .standard { logged.fields.append("compat:\(key.compatibility.rawValue)") }
        return logged
    }
}
