import Foundation
import GRDB
import TresorCrypto
import TresorStore

/// The floor under the store's reads in `tresor bench`: the SELECTs a point read and an email
/// look-up run (the customer's list memberships, addresses and row; before them, for a look-up,
/// the id by blind index), each through one prepared statement on one connection, on one
/// thread, every column of every row read by position and nothing opened. What SQLite alone costs.
public struct SQLiteReadFloor: Sendable {
    let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// Point reads per second over `seconds`, of customers picked in turn from `ids`.
    public func pointReads(ids: [UUID], seconds: Double) throws -> Double {
        try measure(seconds: seconds) { statements, index in
            try statements.readCustomer(ids[index % ids.count].uuidString.lowercased())
        }
    }

    /// The floor under a read that opens every field: the same SELECTs, and each sealed field
    /// opened where it lies with the subject's data key (unwrapped beforehand), but no value
    /// parsed and no customer built. What SQLite and OpenSSL cost together.
    public func pointReadsOpeningFields(ids: [UUID], keyring: MasterKeyring, seconds: Double) throws -> Double {
        let subjectIDs = ids.map { $0.uuidString.lowercased() }
        let keys = try unwrappedKeys(of: subjectIDs, keyring: keyring)
        return try measure(seconds: seconds) { statements, index in
            let subjectID = subjectIDs[index % subjectIDs.count]
            try statements.readCustomer(subjectID, opening: keys[subjectID])
        }
    }

    private func unwrappedKeys(of subjectIDs: [String], keyring: MasterKeyring) throws -> [String: DataKey] {
        let queue = try open(DatabaseFiles.keysFileName)
        defer { try? queue.close() }
        var keys: [String: DataKey] = [:]
        try queue.read { db in
            for subjectID in subjectIDs {
                guard let wrapped = try Data.fetchOne(db, sql: "SELECT wrapped_key FROM subject_keys WHERE subject_id = ?",
                                                      arguments: [subjectID]) else { continue }
                keys[subjectID] = try keyring.unwrap(WrappedDataKey(bytes: Array(wrapped)), subjectID: subjectID)
            }
        }
        return keys
    }

    /// Look-ups by blind index per second over `seconds`: the id, then the same three SELECTs,
    /// for the blind indexes of up to `sampleSize` stored customers, taken in turn.
    public func emailLookups(sampleSize: Int, seconds: Double) throws -> Double {
        let queue = try open()
        defer { try? queue.close() }
        let indexes = try queue.read { db in
            try Data.fetchAll(db, sql: "SELECT email_index FROM customers LIMIT ?", arguments: [sampleSize]).map { Array($0) }
        }
        return try measure(seconds: seconds, queue: queue) { statements, index in
            guard let id = try statements.customerID(emailIndex: indexes[index % indexes.count]) else { return }
            try statements.readCustomer(id)
        }
    }

    private func open(_ fileName: String = DatabaseFiles.dataFileName) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: directory.appendingPathComponent(fileName).path, configuration: configuration)
    }

    private func measure(seconds: Double, queue existing: DatabaseQueue? = nil, _ read: (Statements, Int) throws -> Void) throws -> Double {
        let queue = try existing ?? open()
        defer { if existing == nil { try? queue.close() } }
        return try queue.read { db in
            let statements = try Statements(db)
            let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1_000_000_000)
            var count = 0
            let started = DispatchTime.now().uptimeNanoseconds
            while DispatchTime.now().uptimeNanoseconds < deadline {
                for _ in 0..<64 {
                    try read(statements, count)
                    count += 1
                }
            }
            return Double(count) / (Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000_000)
        }
    }

    /// The prepared statements, each reused for every read.
    private struct Statements {
        let db: Database
        let memberships: Statement
        let addresses: Statement
        let customer: Statement
        let byEmailIndex: Statement

        init(_ db: Database) throws {
            self.db = db
            memberships = try db.makeStatement(sql: """
                SELECT \(MembershipColumn.selectList) FROM mailing_list_members WHERE customer_id = ? ORDER BY added_at, list_id
                """)
            addresses = try db.makeStatement(sql: """
                SELECT \(AddressColumn.selectList) FROM addresses WHERE customer_id = ? ORDER BY customer_id, kind, position
                """)
            customer = try db.makeStatement(sql: "SELECT \(CustomerColumn.selectList) FROM customers WHERE id = ?")
            byEmailIndex = try db.makeStatement(sql: "SELECT id FROM customers WHERE email_index = ?")
        }

        /// The id of the customer with this email index, bound and read directly.
        func customerID(emailIndex: [UInt8]) throws -> String? {
            try db.bind(blob: emailIndex, to: byEmailIndex)
            var id: String?
            try db.step(byEmailIndex) { id = try PositionalRow(statement: $0, idColumn: CustomerColumn.id).text(.id) }
            return id
        }

        /// The customer's three SELECTs, every column of every row read from SQLite by position;
        /// with a key, every sealed field opened instead of only read.
        func readCustomer(_ id: String, opening key: DataKey? = nil) throws {
            try db.bind([id], to: memberships)
            try db.step(memberships) { PositionalRow(statement: $0, idColumn: MembershipColumn.customerID).touchEveryColumn() }
            try db.bind([id], to: addresses)
            try db.step(addresses) { try Self.read(PositionalRow(statement: $0, idColumn: AddressColumn.id), opening: key) }
            try db.bind([id], to: customer)
            try db.step(customer) { try Self.read(PositionalRow(statement: $0, idColumn: CustomerColumn.id), opening: key) }
        }

        private static func read<Column>(_ row: PositionalRow<Column>, opening key: DataKey?) throws {
            guard let key else { return row.touchEveryColumn() }
            let rowID = try row.text(row.idColumn)
            for column in Column.allCases where row.isBlob(column) {
                _ = try row.open(column, rowID: rowID, key: key)
            }
        }
    }
}
