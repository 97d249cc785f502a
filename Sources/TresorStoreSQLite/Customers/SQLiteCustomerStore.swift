import Foundation
import GRDB
import TresorCrypto
import TresorModel
import TresorStore

/// The customer store on SQLite: `tresor.sqlite` holds rows whose personal fields are sealed
/// under each subject's data key; `keys.sqlite` holds those keys, wrapped by the master key.
///
/// Write order across the two files (Docs/storage.md): a create writes the key first (marked
/// pending) and the rows second; a delete records its intent beside the rows, destroys the key,
/// then deletes the rows. ``open(directory:keyring:clock:)`` finishes whatever a crash
/// interrupted, so no row is ever left without its key and no key without its rows.
public final class SQLiteCustomerStore: CustomerStore {
    let data: SQLiteDatabase
    /// Connections for reads on the calling thread (point reads, look-ups by email).
    let readers: SynchronousReaders
    let keys: SubjectKeyStore
    let emailIndex: BlindIndexKey
    /// Truncated blind indexes of search terms (``CustomerSearch``).
    let searchIndex: BlindIndexKey
    let clock: @Sendable () -> Int64
    /// The deployment's API keys, kept in the same data file.
    public let apiKeys: SQLiteAPIKeyStore
    /// Remembered responses for `Idempotency-Key`, sealed.
    public let idempotency: SQLiteIdempotencyStore
    /// The hash-chained record of every access (Docs/access-log.md).
    public let accessLog: SQLiteAccessLog
    /// Webhook endpoints and their sealed secrets.
    public let webhookEndpoints: SQLiteWebhookEndpointStore
    /// Customer events waiting for delivery, written with the changes they describe.
    public let outbox: SQLiteWebhookOutbox
    /// Email templates.
    public let emailTemplates: SQLiteEmailTemplateStore
    /// Queued and sent emails.
    public let emails: SQLiteEmailOutbox
    /// Erasure requests (Art. 17).
    public let erasureRequests: SQLiteErasureRequestStore
    /// Legal holds and the data they retain after an erasure.
    public let legalHolds: SQLiteLegalHoldStore
    /// Every erasure, hash-chained, in the data file and in `erasure-ledger.jsonl`.
    public let ledger: ErasureLedger
    /// Signed erasure certificates.
    public let erasureCertificates: SQLiteErasureCertificateStore
    public var accessLogReader: SQLiteAccessLogReader { SQLiteAccessLogReader(database: data) }

    /// The data file's side of erasure and recovery, for ``StoreRules``.
    var erasedRows: SQLiteErasedRows { SQLiteErasedRows(data: data) }

    /// Opens (creating if needed) the store in `directory` and recovers from any interrupted write.
    ///
    /// - Parameters:
    ///   - clock: seconds since 1970, for record timestamps.
    ///   - checkpoints: when the access log signs checkpoints.
    ///   - logClock: milliseconds since 1970, for access-log entries.
    public static func open(
        directory: URL, keyring: MasterKeyring,
        clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) },
        checkpoints: SQLiteAccessLog.CheckpointPolicy = SQLiteAccessLog.CheckpointPolicy(),
        logClock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }
    ) async throws -> SQLiteCustomerStore {
        try await open(directory: directory, keyring: keyring, clock: clock, checkpoints: checkpoints, logClock: logClock, recordingAccess: true)
    }

    /// Opens the store and, before anything else, replays the entries of the ledger (the one just
    /// written to `erasure-ledger.jsonl`, already checked) that the data file lacks, logging the
    /// replay with `record`. What a restore does.
    static func open(directory: URL, keyring: MasterKeyring, replaying ledger: [ErasureLedgerEntry], recording record: AccessRecord) async throws -> SQLiteCustomerStore {
        try await open(directory: directory, keyring: keyring, clock: { Int64(Date().timeIntervalSince1970) }, checkpoints: SQLiteAccessLog.CheckpointPolicy(),
                       logClock: { Int64(Date().timeIntervalSince1970 * 1000) }, recordingAccess: true, replaying: (ledger, record))
    }

    static func open(
        directory: URL, keyring: MasterKeyring, clock: @escaping @Sendable () -> Int64, checkpoints: SQLiteAccessLog.CheckpointPolicy,
        logClock: @escaping @Sendable () -> Int64, recordingAccess: Bool, replaying replay: (ledger: [ErasureLedgerEntry], record: AccessRecord)? = nil
    ) async throws -> SQLiteCustomerStore {
        let health = StorageHealth()
        let files = try DatabaseFiles.open(in: directory, health: health)
        let signingKey = try await files.data.write { db in try AuditSigningKey.loadOrCreate(in: db, keyring: keyring, now: clock()) }
        let indexVersion = try await files.data.write { db -> UInt32 in
            if let stored = try String.fetchOne(db, sql: "SELECT value FROM tresor_meta WHERE key = 'blind_index_key_version'") {
                guard let version = UInt32(stored) else {
                    throw StoreError.unreadableValue(table: "tresor_meta", column: "value", row: "blind_index_key_version")
                }
                return version
            }
            try db.execute(sql: "INSERT INTO tresor_meta (key, value) VALUES ('blind_index_key_version', ?)",
                           arguments: [String(keyring.currentVersion)])
            return keyring.currentVersion
        }
        let store = SQLiteCustomerStore(
            directory: directory, data: files.data, signingKey: signingKey,
            keys: SubjectKeyStore(database: files.keys, readers: files.keyReaders, keyring: keyring), readers: files.dataReaders,
            emailIndex: try keyring.blindIndexKey(purpose: "customers.email", version: indexVersion),
            searchIndex: try keyring.blindIndexKey(purpose: "customers.search", version: indexVersion),
            clock: clock,
            accessLog: SQLiteAccessLog(database: files.data, signingKey: signingKey, checkpointPolicy: checkpoints, clock: logClock,
                                 isRecording: recordingAccess))
        if let replay {
            try await store.recover()
            try await store.replayLedger(replay.ledger, recording: replay.record)
        }
        try await store.ledger.checkAtOpen()
        try await store.recover()
        try await store.rebuildEmailIndexesIfNeeded()
        try await store.rebuildSearchTokensIfNeeded()
        return store
    }

    private init(directory: URL, data: SQLiteDatabase, signingKey: AuditSigningKey, keys: SubjectKeyStore, readers: SynchronousReaders,
                 emailIndex: BlindIndexKey, searchIndex: BlindIndexKey, clock: @escaping @Sendable () -> Int64, accessLog: SQLiteAccessLog) {
        self.data = data
        self.readers = readers
        self.accessLog = accessLog
        webhookEndpoints = SQLiteWebhookEndpointStore(database: data, keyring: keys.keyring, clock: clock)
        outbox = SQLiteWebhookOutbox(database: data, keys: keys, endpoints: webhookEndpoints, accessLog: accessLog, clock: clock)
        emailTemplates = SQLiteEmailTemplateStore(database: data, clock: clock)
        emails = SQLiteEmailOutbox(database: data, keys: keys, accessLog: accessLog, clock: clock)
        erasureRequests = SQLiteErasureRequestStore(database: data, keys: keys, clock: clock)
        legalHolds = SQLiteLegalHoldStore(database: data, keys: keys)
        ledger = ErasureLedger(database: data, directory: directory)
        erasureCertificates = SQLiteErasureCertificateStore(database: data, keys: keys, signingKey: signingKey)
        self.keys = keys
        self.emailIndex = emailIndex
        self.searchIndex = searchIndex
        self.clock = clock
        apiKeys = SQLiteAPIKeyStore(database: data, clock: clock)
        idempotency = SQLiteIdempotencyStore(database: data, keyring: keys.keyring, clock: clock)
    }

    /// Re-wraps every data key under the keyring's current master-key version (rotation; sealed
    /// fields are untouched). Returns how many keys changed.
    public func rewrapDataKeys() async throws -> Int {
        try await keys.rewrapAll()
    }

    /// Closes both database files; the store cannot be used afterwards.
    public func close() throws {
        try readers.close()
        try data.close()
        try keys.close()
    }

    // MARK: Create

    public func createCustomer(_ draft: CustomerDraft, recording record: AccessRecord) async throws -> Customer {
        // A refused single create commits no entry here: the caller logs the failure.
        switch try await createCustomers([draft], recording: record, notifying: true, loggingWhenNoneCreated: false)[0] {
        case let .created(customer): return customer
        case let .failed(error): throw error
        }
    }

    public func createCustomers(_ drafts: [CustomerDraft], recording record: AccessRecord, notifying: Bool) async throws -> [BulkCreateOutcome] {
        try await createCustomers(drafts, recording: record, notifying: notifying, loggingWhenNoneCreated: true)
    }

    private func createCustomers(_ drafts: [CustomerDraft], recording record: AccessRecord, notifying: Bool,
                                 loggingWhenNoneCreated: Bool) async throws -> [BulkCreateOutcome] {
        let now = clock()
        var outcomes = [BulkCreateOutcome?](repeating: nil, count: drafts.count)
        var prepared: [PreparedCustomer] = []
        var indexesInBatch = Set<[UInt8]>()
        for (position, draft) in drafts.enumerated() {
            do {
                let customer = try draft.validated(id: UUID(), now: now)
                let index = try emailIndex.index(ofEmail: customer.email)
                guard indexesInBatch.insert(index).inserted else { throw StoreError.emailAlreadyExists }
                let (key, wrapped) = try keys.makeKey(for: customer.id.lowercasedString)
                prepared.append(PreparedCustomer(position: position, customer: customer, emailIndex: index, searchTokens: try searchTokens(of: customer),
                                                 key: key, wrapped: wrapped))
            } catch let error as FieldError {
                outcomes[position] = .failed(.invalidField(error))
            } catch let error as StoreError {
                outcomes[position] = .failed(error)
            }
        }
        guard !prepared.isEmpty else {
            if loggingWhenNoneCreated { try await accessLog.append(record.with(subjects: [])) }
            return outcomes.map { $0! }
        }

        // Keys first (pending), then the rows in one transaction (duplicates and unknown teammates
        // refused per item, with the log entry and the events); refused items' keys go (StoreRules).
        var refused: [Int: StoreError] = [:]
        let batch = prepared
        _ = try await StoreRules.create(prepared.map { ($0.subjectID, $0.key, $0.wrapped) }, now: now, in: keys) {
            refused = try await data.write { db in
                let refused = try Self.insert(batch, into: db)
                let created = batch.filter { refused[$0.position] == nil }
                if !created.isEmpty || loggingWhenNoneCreated {
                    try self.accessLog.append(record.with(subjects: created.map(\.customer.id)), in: db)
                }
                if notifying {
                    try self.outbox.enqueue(.customerCreated, customers: created.map(\.customer), changedFields: [],
                                            keys: Dictionary(uniqueKeysWithValues: created.map { ($0.subjectID, $0.key) }), in: db)
                }
                return refused
            }
            return Set(batch.filter { refused[$0.position] != nil }.map(\.subjectID))
        }
        for item in prepared {
            outcomes[item.position] = refused[item.position].map { .failed($0) } ?? .created(item.customer)
        }
        return outcomes.map { $0! }
    }

    private struct PreparedCustomer: Sendable {
        var position: Int
        var customer: Customer
        var emailIndex: [UInt8]
        var searchTokens: [Int64]
        var key: DataKey
        var wrapped: WrappedDataKey
        var subjectID: String { customer.id.lowercasedString }
    }

    private static func insert(_ prepared: [PreparedCustomer], into db: Database) throws -> [Int: StoreError] {
        var refused: [Int: StoreError] = [:]
        let existing = Set(try db.fetchRows(forEachChunkOf: prepared.map { Data($0.emailIndex) }) {
            "SELECT email_index FROM customers WHERE email_index IN \($0)"
        }.map { Array($0["email_index"] as Data) })
        let teammateIDs = Set(prepared.compactMap { $0.customer.teammateID?.lowercasedString })
        let knownTeammates = try db.existingIDs(Array(teammateIDs), in: "teammates")
        for item in prepared {
            if existing.contains(item.emailIndex) {
                refused[item.position] = .emailAlreadyExists
            } else if let teammate = item.customer.teammateID?.lowercasedString, !knownTeammates.contains(teammate) {
                refused[item.position] = .notFound(resource: "teammate", id: teammate)
            } else {
                try RecordCodec.insertCustomer(item.customer, emailIndex: item.emailIndex, key: item.key, into: db)
                try insertSearchTokens(item.searchTokens, of: item.customer.id, in: db)
            }
        }
        return refused
    }

    // MARK: Read

    public func customer(id: UUID) async throws -> Customer {
        guard let customer = try await customers(ids: [id]).first else {
            throw StoreError.notFound(resource: "customer", id: id.lowercasedString)
        }
        return customer
    }

    public func customer(email: String) async throws -> Customer? {
        let normalized = BlindIndexKey.normalizeEmail(email)
        let index = try emailIndex.index(ofNormalized: normalized)
        let id = try readers.read { db in
            // The select list is the id alone, at CustomerColumn.id's position (0).
            let statement = try db.cachedStatement(sql: "SELECT id FROM customers WHERE email_index = ?")
            try db.bind(blob: index, to: statement)
            var id: String?
            try db.step(statement) { id = try PositionalRow(statement: $0, idColumn: CustomerColumn.id).text(.id) }
            return id
        }
        guard let id else { return nil }
        guard let uuid = UUID(uuidString: id) else { throw StoreError.unreadableValue(table: "customers", column: "id", row: id) }
        let customer = try await customers(ids: [uuid]).first
        // The index is 128 bits, so a collision is practically impossible; compare anyway.
        guard let customer, BlindIndexKey.normalizeEmail(customer.email) == normalized else { return nil }
        return customer
    }

    /// The customers with these ids that exist and whose key exists, in the order given.
    ///
    /// The rows are read on the calling thread, on a connection of its own
    /// (``SynchronousReaders``): a point read takes microseconds in SQLite, while handing it to a
    /// reader queue and resuming the task costs more than the read itself.
    func customers(ids: [UUID]) async throws -> [Customer] {
        let subjectIDs = ids.map(\.lowercasedString)
        let dataKeys = try await keys.keys(for: subjectIDs)
        return try readers.read { db in try Self.decodeCustomers(subjectIDs, keys: dataKeys, from: db) }
    }


    /// Decodes the customers that have both rows and a key. A field that does not open (moved,
    /// changed or sealed under another key) makes the whole record ``StoreError/unreadable(subjectID:reason:)``.
    static func decodeCustomers(_ subjectIDs: [String], keys: [String: DataKey], from db: Database) throws -> [Customer] {
        var memberships: [String: [UUID]] = [:]
        var addresses: [String: [Address]] = [:]
        var customers: [String: Customer] = [:]
        try visitRows(subjectIDs.filter { keys[$0] != nil }, in: db, membership: { row in
            memberships[try row.text(.customerID), default: []].append(try row.uuid(.listID))
        }, address: { row in
            let customerID = try row.text(.customerID)
            let address = try readable(customerID) { try RecordCodec.address(from: row, key: keys[customerID]!) }
            addresses[customerID, default: []].append(address)
        }, customer: { row in
            let id = try row.text(.id)
            customers[id] = try readable(id) {
                try RecordCodec.customer(from: row, addresses: addresses[id] ?? [], mailingListIDs: memberships[id] ?? [], key: keys[id]!)
            }
        })
        return subjectIDs.compactMap { customers[$0] }
    }

    /// Runs `decode`, turning a field that does not open into ``StoreError/unreadable(subjectID:reason:)``.
    private static func readable<Value>(_ subjectID: String, _ decode: () throws -> Value) throws -> Value {
        do {
            return try decode()
        } catch let error as CryptoError {
            throw StoreError.unreadable(subjectID: subjectID, reason: error.description)
        }
    }

    /// Visits the rows of these customers' records in the order decoding needs them: list
    /// memberships (oldest first), addresses (by kind and position), then the customer rows.
    /// Each row is read by position while its statement is on it (``PositionalRow``).
    static func visitRows(_ subjectIDs: [String], in db: Database, membership: (PositionalRow<MembershipColumn>) throws -> Void,
                          address: (PositionalRow<AddressColumn>) throws -> Void,
                          customer: (PositionalRow<CustomerColumn>) throws -> Void) throws {
        try db.forEachRow(MembershipColumn.self, id: .customerID, ofChunksOf: subjectIDs, {
            "SELECT \(MembershipColumn.selectList) FROM mailing_list_members WHERE customer_id IN \($0) ORDER BY added_at, list_id"
        }, membership)
        try db.forEachRow(AddressColumn.self, id: .id, ofChunksOf: subjectIDs, {
            "SELECT \(AddressColumn.selectList) FROM addresses WHERE customer_id IN \($0) ORDER BY customer_id, kind, position"
        }, address)
        try db.forEachRow(CustomerColumn.self, id: .id, ofChunksOf: subjectIDs, {
            "SELECT \(CustomerColumn.selectList) FROM customers WHERE id IN \($0)"
        }, customer)
    }

    // MARK: Update

    public func updateCustomer(id: UUID, with patch: CustomerPatch, recording record: AccessRecord) async throws -> (customer: Customer, changedFields: [String]) {
        let subjectID = id.lowercasedString
        guard let key = try await keys.key(for: subjectID) else { throw StoreError.notFound(resource: "customer", id: subjectID) }
        let now = clock()
        let newEmailIndex = try patch.email.map { try emailIndex.index(ofEmail: $0) }
        do {
            return try await data.write { db in
                guard let current = try Self.decodeCustomers([subjectID], keys: [subjectID: key], from: db).first else {
                    throw StoreError.notFound(resource: "customer", id: subjectID)
                }
                let (updated, changed) = try patch.applied(to: current, now: now)
                try self.accessLog.append(record.with(subjects: [id]), in: db)
                guard !changed.isEmpty else { return (current, []) }
                if changed.contains("teammate_id"), let teammate = updated.teammateID?.lowercasedString,
                   try Bool.fetchOne(db, sql: "SELECT 1 FROM teammates WHERE id = ?", arguments: [teammate]) == nil {
                    throw StoreError.notFound(resource: "teammate", id: teammate)
                }
                let sealed = try RecordCodec.sealedCustomerValues(updated, key: key)
                let index = changed.contains("email") ? newEmailIndex.map { Data($0) } : nil
                try db.execute(sql: """
                    UPDATE customers SET name = ?, last_name = ?, email = ?, phone = ?, company = ?, metadata = ?,
                        stripe_customer_id = ?, affiliate_partner_id = ?, email_index = coalesce(?, email_index), country = ?, locale = ?, timezone_offset = ?, category = ?,
                        priority = ?, lead_status = ?, teammate_id = ?, updated_at = ?
                    WHERE id = ?
                    """, arguments: StatementArguments(sealed.map { $0 as (any DatabaseValueConvertible)? } + [
                        index, updated.country.code, updated.locale, updated.timezoneOffset, updated.category.rawValue,
                        updated.priority.rawValue, updated.leadStatus, updated.teammateID?.lowercasedString, updated.updatedAt,
                        subjectID,
                    ]))
                if !Set(changed).isDisjoint(with: ["name", "last_name", "company", "email"]) {
                    try Self.replaceSearchTokens(try self.searchTokens(of: updated), of: id, in: db)
                }
                try self.outbox.enqueue(.customerUpdated, customers: [updated], changedFields: changed, keys: [subjectID: key], in: db)
                return (updated, changed)
            }
        } catch let error as FieldError {
            throw StoreError.invalidField(error)
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw StoreError.emailAlreadyUsed
        }
    }

    // MARK: Storage faults

    public var storageHealth: StorageHealth { data.health }

    public func probeWrite() async throws {
        try await data.probeWrite()
        try await keys.probeWrite()
    }

    // MARK: Access log

    public func recordAccess(_ record: AccessRecord) async throws {
        try await accessLog.append(record)
    }

    public func forEachAccessLogEntry(_ query: AccessLogQuery, _ body: (AccessLogEntry) throws -> Bool) async throws {
        try await accessLogReader.forEach(query, body)
    }

    public func accessLogEntryCount(subject: UUID) async throws -> Int {
        try await accessLogReader.entryCount(subject: subject)
    }
}
