import Foundation
import GRDB
import TresorStore

/// The floor under the store's reads in `tresor bench`: the SELECTs a point read and an email
/// look-up run (the customer's list memberships, addresses and row; before them, for a look-up,
/// the id by blind index), each through one prepared statement on one connection, on one
/// thread, every column of every row read and nothing opened. What SQLite alone costs.
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

    /// Look-ups by blind index per second over `seconds`: the id, then the same three SELECTs,
    /// for the blind indexes of up to `sampleSize` stored customers, taken in turn.
    public func emailLookups(sampleSize: Int, seconds: Double) throws -> Double {
        let queue = try open()
        defer { try? queue.close() }
        let indexes = try queue.read { db in try Data.fetchAll(db, sql: "SELECT email_index FROM customers LIMIT ?", arguments: [sampleSize]) }
        return try measure(seconds: seconds, queue: queue) { statements, index in
            guard let id = try String.fetchOne(statements.byEmailIndex, arguments: [indexes[index % indexes.count]]) else { return }
            try statements.readCustomer(id)
        }
    }

    private func open() throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: directory.appendingPathComponent(DatabaseFiles.dataFileName).path, configuration: configuration)
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
        let memberships: Statement
        let addresses: Statement
        let customer: Statement
        let byEmailIndex: Statement

        init(_ db: Database) throws {
            memberships = try db.makeStatement(sql: "SELECT customer_id, list_id FROM mailing_list_members WHERE customer_id = ? ORDER BY added_at, list_id")
            addresses = try db.makeStatement(sql: "SELECT * FROM addresses WHERE customer_id = ? ORDER BY customer_id, kind, position")
            customer = try db.makeStatement(sql: "SELECT * FROM customers WHERE id = ?")
            byEmailIndex = try db.makeStatement(sql: "SELECT id FROM customers WHERE email_index = ?")
        }

        func readCustomer(_ id: String) throws {
            for statement in [memberships, addresses, customer] {
                let rows = try Row.fetchCursor(statement, arguments: [id])
                while let row = try rows.next() {
                    for value in row.databaseValues { _ = value.storage }
                }
            }
        }
    }
}
