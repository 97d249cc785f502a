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

/// The customer store as the layers above see it: the seam a storage backend implements
/// (Docs/architecture.md). The SQLite adapter lives in `TresorStoreSQLite`;
/// every backend passes the conformance suite in `Tests/TresorStoreConformanceTests`.
///
/// Every method validates its input (throwing ``StoreError/invalidField(_:)`` naming the field),
/// writes all or nothing, and returns decrypted values. A method that writes personal data takes
/// the access-log record of the operation and commits it, with the subjects it changed, in the
/// same unit of work as the change (and its outbox events): if the entry cannot be written,
/// neither is the change. Stored data that does not decode is an error
/// (``StoreError/unreadableValue(table:column:row:)``), never a default.
///
/// The sub-stores are associated types so that an adapter hands out its own types and code
/// above sees them through their protocols (`any CustomerStore` gives `any WebhookOutbox`, …).
public protocol CustomerStore: Sendable {
    associatedtype APIKeys: APIKeyStore
    associatedtype Idempotency: IdempotencyStore
    associatedtype AccessLog: AccessLogWriter
    associatedtype AccessLogEntries: AccessLogReader
    associatedtype WebhookEndpoints: WebhookEndpointStore
    associatedtype Outbox: WebhookOutbox
    associatedtype EmailTemplates: EmailTemplateStore
    associatedtype Emails: EmailOutbox
    associatedtype ErasureRequests: ErasureRequestStore
    associatedtype LegalHolds: LegalHoldStore
    associatedtype ErasureCertificates: ErasureCertificateStore

    // Customers
    func createCustomer(_ draft: CustomerDraft, recording record: AccessRecord) async throws -> Customer
    /// Creates up to 500 customers in one transaction; invalid items and duplicate emails are
    /// reported per item and the rest are created. `notifying` false queues no
    /// `customer-created` events (a migration: `tresor customers import --no-webhooks`).
    func createCustomers(_ drafts: [CustomerDraft], recording record: AccessRecord, notifying: Bool) async throws -> [BulkCreateOutcome]
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
    /// Creates a teammate (a data subject: key first, then the row).
    func createTeammate(_ draft: TeammateDraft, recording record: AccessRecord) async throws -> Teammate
    /// Sets the fields `draft` gives; not found when there is no such teammate.
    func updateTeammate(id: UUID, with draft: TeammateDraft, recording record: AccessRecord) async throws -> Teammate
    func teammate(id: UUID) async throws -> Teammate
    func teammates() async throws -> [Teammate]
    func deleteTeammate(id: UUID, recording record: AccessRecord) async throws
    /// Assigns the customers to `teammateID`, or unassigns them when it is nil.
    func assignTeammate(_ teammateID: UUID?, customerIDs: [UUID], recording record: AccessRecord) async throws -> [BulkItemOutcome]
    /// Applies `change` to the customers among `customerIDs` whose category is `category` (any
    /// when nil), in one unit of work with the access-log entry (naming those changed) and a
    /// `customer-updated` event for each changed one. The others are `not_found`; a teammate the
    /// change names must exist (else ``StoreError/notFound(resource:id:)``, nothing changed).
    func changeAttributes(_ change: CustomerAttributeChange, customerIDs: [UUID], inCategory category: CustomerCategory?,
                          recording record: AccessRecord) async throws -> [BulkItemOutcome]

    // Requests
    /// API keys: only their hashes, roles and reach.
    var apiKeys: APIKeys { get }
    /// Remembered responses for `Idempotency-Key`, sealed.
    var idempotency: Idempotency { get }

    // Webhooks
    /// Webhook endpoints and their secrets.
    var webhookEndpoints: WebhookEndpoints { get }
    /// Events written with the changes they describe, until delivered.
    var outbox: Outbox { get }

    // Emails
    var emailTemplates: EmailTemplates { get }
    /// Emails queued with their access-log entries, until sent; then their records.
    var emails: Emails { get }

    // Erasure
    var erasureRequests: ErasureRequests { get }
    /// Legal holds and the data they retain after an erasure.
    var legalHolds: LegalHolds { get }
    /// Signed certificates of executed erasures.
    var erasureCertificates: ErasureCertificates { get }
    /// Ends every hold whose last day is before `day`, erasing what it retained; returns them as they were.
    func endExpiredHolds(on day: CalendarDay, recording record: AccessRecord) async throws -> [LegalHold]
    /// Ends one hold now (its obligation ended), erasing what it retained; returns it as it was.
    func endHold(id: UUID, recording record: AccessRecord) async throws -> LegalHold

    // Access log
    /// The hash-chained record of every access (Docs/access-log.md): checkpoints, pruning.
    var accessLog: AccessLog { get }
    /// Reads the access log (queries, verification).
    var accessLogReader: AccessLogEntries { get }
    /// Appends a record in a unit of work of its own (reads, denials, failures); throws if it
    /// could not be written, and then the caller must not hand out the data (fail closed).
    func recordAccess(_ record: AccessRecord) async throws
    /// Calls `body` with each matching entry in sequence order until it returns false, reading in
    /// chunks so memory stays bounded.
    func forEachAccessLogEntry(_ query: AccessLogQuery, _ body: (AccessLogEntry) throws -> Bool) async throws
    /// How many access-log entries name the subject.
    func accessLogEntryCount(subject: UUID) async throws -> Int

    // Maintenance
    /// Customers whose address equals an earlier customer's under the current email
    /// normalisation: each keeps its old index until an operator changes or merges it.
    func emailIndexConflicts() async throws -> [UUID]
    /// Re-wraps every data key under the keyring's current master-key version (rotation; sealed
    /// fields are untouched). Returns how many keys changed.
    func rewrapDataKeys() async throws -> Int
    /// Closes the store; it cannot be used afterwards.
    func close() throws

    // Storage faults
    /// The faults the store met lately (readiness reads it; each is counted in metrics).
    var storageHealth: StorageHealth { get }
    /// Commits a small write that changes no data to every database the store writes (data and
    /// keys; the access log lives with the data): readiness asks it. Throws ``StorageFault``.
    func probeWrite() async throws
}

extension CustomerStore {
    /// Creates a teammate with a name and an email only.
    public func createTeammate(name: String, email: String, recording record: AccessRecord) async throws -> Teammate {
        try await createTeammate(TeammateDraft(name: name, email: email), recording: record)
    }

    /// Creates up to 500 customers in one transaction, with their `customer-created` events.
    public func createCustomers(_ drafts: [CustomerDraft], recording record: AccessRecord) async throws -> [BulkCreateOutcome] {
        try await createCustomers(drafts, recording: record, notifying: true)
    }
}
