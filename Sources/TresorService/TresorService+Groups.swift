import Foundation
import TresorModel
import TresorStore

extension TresorService {
    // MARK: Addresses (customers.edit)

    public func createAddress(customerID: UUID, kind: AddressKind, draft: AddressDraft, request: RequestInfo) async throws -> Customer {
        try await perform("address.create", scope: .customersEdit, request: request, fields: ["\(kind.rawValue)_addresses"], subjects: [customerID]) { record in
            _ = try await reachableCustomer(customerID, request)
            return request.fieldPolicy.apply(to: try await store.addAddress(to: customerID, kind: kind, draft: draft, recording: record))
        }
    }

    public func updateAddress(id: UUID, draft: AddressDraft, request: RequestInfo) async throws -> Customer {
        try await perform("address.update", scope: .customersEdit, request: request, fields: ["addresses"]) { record in
            _ = try await reachableAddressOwner(id, request)
            return request.fieldPolicy.apply(to: try await store.updateAddress(id: id, draft: draft, recording: record))
        }
    }

    public func deleteAddress(id: UUID, request: RequestInfo) async throws -> Customer {
        try await perform("address.delete", scope: .customersEdit, request: request, fields: ["addresses"]) { record in
            _ = try await reachableAddressOwner(id, request)
            return request.fieldPolicy.apply(to: try await store.deleteAddress(id: id, recording: record))
        }
    }

    private func reachableAddressOwner(_ id: UUID, _ request: RequestInfo) async throws -> UUID {
        let owner = try await store.customerID(ofAddress: id)
        guard (try? await reachableCustomer(owner, request)) != nil else {
            throw StoreError.notFound(resource: "address", id: id.uuidString.lowercased())
        }
        return owner
    }

    // MARK: Mailing-list membership (customers.edit)

    public func addToMailingList(listID: UUID, customerIDs: [UUID], request: RequestInfo) async throws -> [BulkItemOutcome] {
        try await changeMembership("list.add", customerIDs: customerIDs, request: request) {
            try await self.store.addToMailingList(listID: listID, customerIDs: $0, recording: $1)
        }
    }

    public func removeFromMailingList(listID: UUID, customerIDs: [UUID], request: RequestInfo) async throws -> [BulkItemOutcome] {
        try await changeMembership("list.remove", customerIDs: customerIDs, request: request) {
            try await self.store.removeFromMailingList(listID: listID, customerIDs: $0, recording: $1)
        }
    }

    private func changeMembership(
        _ action: String, customerIDs: [UUID], request: RequestInfo,
        _ change: @Sendable ([UUID], AccessRecord) async throws -> [BulkItemOutcome]
    ) async throws -> [BulkItemOutcome] {
        try await perform(action, scope: .customersEdit, request: request, fields: ["mailing_lists"], subjects: customerIDs) { record in
            try Self.checkCount(customerIDs.count, field: "customers", limit: Self.maximumBulkIDs)
            let reachable = try await bulkTargets(customerIDs, resource: "customer", request)
            let outcomes = try await change(customerIDs.filter(reachable.contains), record)
            return Self.merge(customerIDs, reachable: reachable, outcomes: outcomes)
        }
    }

    // MARK: Teammate assignment (customers.edit)

    public func assignTeammate(_ teammateID: UUID?, customerIDs: [UUID], request: RequestInfo) async throws -> [BulkItemOutcome] {
        try await perform("customer.assign", scope: .customersEdit, request: request, fields: ["teammate_id"], subjects: customerIDs) { record in
            try Self.checkCount(customerIDs.count, field: "customers", limit: Self.maximumBulkIDs)
            let reachable = try await bulkTargets(customerIDs, resource: "customer", request)
            let outcomes = try await store.assignTeammate(teammateID, customerIDs: customerIDs.filter(reachable.contains), recording: record)
            return Self.merge(customerIDs, reachable: reachable, outcomes: outcomes)
        }
    }

    // MARK: Mailing lists (lists.manage): names only, no personal data

    public func createMailingList(name: String, request: RequestInfo) async throws -> MailingList {
        try await perform("mailing_list.create", scope: .listsManage, request: request) { (try await store.createMailingList(name: name), []) }
    }

    public func mailingList(id: UUID, request: RequestInfo) async throws -> MailingList {
        try await perform("mailing_list.view", scope: .listsManage, request: request) { (try await store.mailingList(id: id), []) }
    }

    public func mailingLists(request: RequestInfo) async throws -> [MailingList] {
        try await perform("mailing_list.list", scope: .listsManage, request: request) { (try await store.mailingLists(), []) }
    }

    public func deleteMailingList(id: UUID, request: RequestInfo) async throws {
        try await perform("mailing_list.delete", scope: .listsManage, request: request) { (try await store.deleteMailingList(id: id), []) }
    }

    // MARK: Teammates (teammates.manage); teammates are data subjects too

    public func createTeammate(_ draft: TeammateDraft, request: RequestInfo) async throws -> Teammate {
        try await perform("teammate.create", scope: .teammatesManage, request: request, fields: Self.teammateFields) { record in
            try checkRole(draft.role)
            return try await store.createTeammate(draft, recording: record)
        }
    }

    /// Sets the fields `draft` gives (Tamio's teammate update).
    public func updateTeammate(id: UUID, draft: TeammateDraft, request: RequestInfo) async throws -> Teammate {
        try await perform("teammate.update", scope: .teammatesManage, request: request, fields: Self.teammateFields, subjects: [id]) { record in
            try checkRole(draft.role)
            return try await store.updateTeammate(id: id, with: draft, recording: record)
        }
    }

    static let teammateFields = ["name", "last_name", "email", "role", "country"]

    /// A teammate's role must be one of roles.yaml's.
    private func checkRole(_ role: String?) throws {
        guard let role, roles.role(named: role) == nil else { return }
        throw FieldError(field: "role", reason: "must be a role of roles.yaml: \(roles.roles.keys.sorted().joined(separator: ", "))")
    }

    public func teammate(id: UUID, request: RequestInfo) async throws -> Teammate {
        try await perform("teammate.view", scope: .teammatesManage, request: request, fields: Self.teammateFields, subjects: [id]) {
            (try await store.teammate(id: id), [id])
        }
    }

    public func teammates(request: RequestInfo) async throws -> [Teammate] {
        try await perform("teammate.list", scope: .teammatesManage, request: request, fields: Self.teammateFields) {
            let teammates = try await store.teammates()
            return (teammates, teammates.map(\.id))
        }
    }

    public func deleteTeammate(id: UUID, request: RequestInfo) async throws {
        try await perform("teammate.delete", scope: .teammatesManage, request: request, fields: Self.teammateFields, subjects: [id]) { record in
            try await store.deleteTeammate(id: id, recording: record)
        }
    }
}
