import Foundation
import TresorModel

/// What happened to one item of a bulk operation.
public struct BulkItemOutcome: Sendable, Equatable {
    public enum Status: String, Sendable {
        /// Changed as asked.
        case done
        /// Already as asked (already on the list, already assigned).
        case unchanged
        /// No such customer.
        case notFound = "not_found"
    }

    public var customerID: UUID
    public var status: Status

    public init(customerID: UUID, status: Status) {
        self.customerID = customerID
        self.status = status
    }
}

/// The result of one item of a bulk create: the customer, or why it was refused.
public enum BulkCreateOutcome: Sendable, Equatable {
    case created(Customer)
    case failed(StoreError)
}

/// The customer store as the layers above see it. The SQLite implementation is
/// ``SQLiteCustomerStore``; a PostgreSQL one can be added behind this protocol without touching
/// the service or HTTP layers.
///
/// Every method validates its input (throwing ``StoreError/invalidField(_:)`` naming the field),
/// writes all or nothing, and returns decrypted values.
public protocol CustomerStore: Sendable {
    // Customers
    func createCustomer(_ draft: CustomerDraft) async throws -> Customer
    /// Creates up to 500 customers in one transaction; invalid items and duplicate emails are
    /// reported per item and the rest are created.
    func createCustomers(_ drafts: [CustomerDraft]) async throws -> [BulkCreateOutcome]
    func customer(id: UUID) async throws -> Customer
    /// The customer with this email (exact match after normalisation), or nil.
    func customer(email: String) async throws -> Customer?
    func updateCustomer(id: UUID, with patch: CustomerPatch) async throws -> (customer: Customer, changedFields: [String])
    /// Destroys the customer's data key, then deletes its rows.
    func deleteCustomer(id: UUID) async throws
    func deleteCustomers(ids: [UUID]) async throws -> [BulkItemOutcome]
    func listCustomers(_ query: CustomerQuery) async throws -> CustomerPage

    // Addresses
    /// The customer an address belongs to.
    func customerID(ofAddress id: UUID) async throws -> UUID
    func addAddress(to customerID: UUID, kind: AddressKind, draft: AddressDraft) async throws -> Customer
    func updateAddress(id: UUID, draft: AddressDraft) async throws -> Customer
    func deleteAddress(id: UUID) async throws -> Customer

    // Mailing lists
    func createMailingList(name: String) async throws -> MailingList
    func mailingList(id: UUID) async throws -> MailingList
    func mailingLists() async throws -> [MailingList]
    func deleteMailingList(id: UUID) async throws
    func addToMailingList(listID: UUID, customerIDs: [UUID]) async throws -> [BulkItemOutcome]
    func removeFromMailingList(listID: UUID, customerIDs: [UUID]) async throws -> [BulkItemOutcome]

    // Teammates
    func createTeammate(name: String, email: String) async throws -> Teammate
    func teammate(id: UUID) async throws -> Teammate
    func teammates() async throws -> [Teammate]
    func deleteTeammate(id: UUID) async throws
    /// Assigns the customers to `teammateID`, or unassigns them when it is nil.
    func assignTeammate(_ teammateID: UUID?, customerIDs: [UUID]) async throws -> [BulkItemOutcome]
}
