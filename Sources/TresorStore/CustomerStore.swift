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
/// writes all or nothing, and returns decrypted values. A method that writes personal data takes
/// the access-log record of the operation and commits it, with the subjects it changed, in the
/// same transaction as the change: if the entry cannot be written, neither is the change.
public protocol CustomerStore: Sendable {
    // Customers
    func createCustomer(_ draft: CustomerDraft, recording record: AccessRecord) async throws -> Customer
    /// Creates up to 500 customers in one transaction; invalid items and duplicate emails are
    /// reported per item and the rest are created.
    func createCustomers(_ drafts: [CustomerDraft], recording record: AccessRecord) async throws -> [BulkCreateOutcome]
    func customer(id: UUID) async throws -> Customer
    /// The customer with this email (exact match after normalisation), or nil.
    func customer(email: String) async throws -> Customer?
    func updateCustomer(id: UUID, with patch: CustomerPatch, recording record: AccessRecord) async throws -> (customer: Customer, changedFields: [String])
    /// Erases the customer: keeps what legal holds in force require under keys of their own,
    /// records the erasure in the ledger with a signed certificate, destroys the customer's data
    /// key, then deletes its rows (Docs/erasure.md).
    func deleteCustomer(id: UUID, recording record: AccessRecord) async throws
    func deleteCustomers(ids: [UUID], recording record: AccessRecord) async throws -> [BulkItemOutcome]
    func listCustomers(_ query: CustomerQuery) async throws -> CustomerPage

    // Addresses
    /// The customer an address belongs to.
    func customerID(ofAddress id: UUID) async throws -> UUID
    func addAddress(to customerID: UUID, kind: AddressKind, draft: AddressDraft, recording record: AccessRecord) async throws -> Customer
    func updateAddress(id: UUID, draft: AddressDraft, recording record: AccessRecord) async throws -> Customer
    func deleteAddress(id: UUID, recording record: AccessRecord) async throws -> Customer

    // Mailing lists
    func createMailingList(name: String) async throws -> MailingList
    func mailingList(id: UUID) async throws -> MailingList
    func mailingLists() async throws -> [MailingList]
    func deleteMailingList(id: UUID) async throws
    func addToMailingList(listID: UUID, customerIDs: [UUID], recording record: AccessRecord) async throws -> [BulkItemOutcome]
    func removeFromMailingList(listID: UUID, customerIDs: [UUID], recording record: AccessRecord) async throws -> [BulkItemOutcome]

    // Teammates
    func createTeammate(name: String, email: String, recording record: AccessRecord) async throws -> Teammate
    func teammate(id: UUID) async throws -> Teammate
    func teammates() async throws -> [Teammate]
    func deleteTeammate(id: UUID, recording record: AccessRecord) async throws
    /// Assigns the customers to `teammateID`, or unassigns them when it is nil.
    func assignTeammate(_ teammateID: UUID?, customerIDs: [UUID], recording record: AccessRecord) async throws -> [BulkItemOutcome]

    // Webhooks
    /// Webhook endpoints and their secrets.
    /// API keys: only their hashes, roles and reach.
    var apiKeys: APIKeyStore { get }
    var webhookEndpoints: WebhookEndpointStore { get }
    /// Events written with the changes they describe, until delivered.
    var outbox: WebhookOutbox { get }

    // Emails
    var emailTemplates: EmailTemplateStore { get }
    /// Emails queued with their access-log entries, until sent; then their records.
    var emails: EmailOutbox { get }

    // Erasure
    var erasureRequests: ErasureRequestStore { get }
    /// Legal holds and the data they retain after an erasure.
    var legalHolds: LegalHoldStore { get }
    /// Signed certificates of executed erasures.
    var erasureCertificates: ErasureCertificateStore { get }
    /// Ends every hold whose last day is before `day`, erasing what it retained; returns them as they were.
    func endExpiredHolds(on day: CalendarDay, recording record: AccessRecord) async throws -> [LegalHold]
    /// Ends one hold now (its obligation ended), erasing what it retained; returns it as it was.
    func endHold(id: UUID, recording record: AccessRecord) async throws -> LegalHold

    // Access log
    /// Appends a record in a transaction of its own (reads, denials, failures); throws if it
    /// could not be written, and then the caller must not hand out the data (fail closed).
    func recordAccess(_ record: AccessRecord) async throws
    /// Calls `body` with each matching entry in sequence order until it returns false, reading in
    /// chunks so memory stays bounded.
    func forEachAccessLogEntry(_ query: AccessLogQuery, _ body: (AccessLogEntry) throws -> Bool) async throws
    /// How many access-log entries name the subject.
    func accessLogEntryCount(subject: UUID) async throws -> Int
}
