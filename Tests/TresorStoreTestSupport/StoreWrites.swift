import Foundation
import TresorModel
import TresorStore

/// The store's writes as tests call them: each commits with a record naming the test as actor.
extension CustomerStore {
    public static var testRecord: AccessRecord {
        AccessRecord(actor: AccessActor(kind: .system, id: "store-tests", name: "store tests"), action: "test.write",
                     purpose: "testing", requestID: "test")
    }

    public func createCustomer(_ draft: CustomerDraft) async throws -> Customer {
        try await createCustomer(draft, recording: Self.testRecord)
    }

    public func createCustomers(_ drafts: [CustomerDraft]) async throws -> [BulkCreateOutcome] {
        try await createCustomers(drafts, recording: Self.testRecord)
    }

    public func updateCustomer(id: UUID, with patch: CustomerPatch) async throws -> (customer: Customer, changedFields: [String]) {
        try await updateCustomer(id: id, with: patch, recording: Self.testRecord)
    }

    public func deleteCustomer(id: UUID) async throws {
        try await deleteCustomer(id: id, recording: Self.testRecord)
    }

    public func deleteCustomers(ids: [UUID]) async throws -> [BulkItemOutcome] {
        try await deleteCustomers(ids: ids, recording: Self.testRecord)
    }

    public func addAddress(to customerID: UUID, kind: AddressKind, draft: AddressDraft) async throws -> Customer {
        try await addAddress(to: customerID, kind: kind, draft: draft, recording: Self.testRecord)
    }

    public func updateAddress(id: UUID, draft: AddressDraft) async throws -> Customer {
        try await updateAddress(id: id, draft: draft, recording: Self.testRecord)
    }

    public func deleteAddress(id: UUID) async throws -> Customer {
        try await deleteAddress(id: id, recording: Self.testRecord)
    }

    public func addToMailingList(listID: UUID, customerIDs: [UUID]) async throws -> [BulkItemOutcome] {
        try await addToMailingList(listID: listID, customerIDs: customerIDs, recording: Self.testRecord)
    }

    public func removeFromMailingList(listID: UUID, customerIDs: [UUID]) async throws -> [BulkItemOutcome] {
        try await removeFromMailingList(listID: listID, customerIDs: customerIDs, recording: Self.testRecord)
    }

    public func createTeammate(name: String, email: String) async throws -> Teammate {
        try await createTeammate(name: name, email: email, recording: Self.testRecord)
    }

    public func deleteTeammate(id: UUID) async throws {
        try await deleteTeammate(id: id, recording: Self.testRecord)
    }

    public func changeAttributes(_ change: CustomerAttributeChange, customerIDs: [UUID], inCategory category: CustomerCategory?) async throws
        -> [BulkItemOutcome] {
        try await changeAttributes(change, customerIDs: customerIDs, inCategory: category, recording: Self.testRecord)
    }

    public func assignTeammate(_ teammateID: UUID?, customerIDs: [UUID]) async throws -> [BulkItemOutcome] {
        try await assignTeammate(teammateID, customerIDs: customerIDs, recording: Self.testRecord)
    }
}
