import Foundation
import GRDB
import TresorStore

/// One SQLite file of the store, opened as a GRDB `DatabasePool`, through which every read and
/// write of the adapter goes: the one place where SQLite's storage errors become
/// ``StorageFault`` (and are reported to the store's ``StorageHealth``).
struct SQLiteDatabase: Sendable {
    let pool: DatabasePool
    let health: StorageHealth

    /// Reads in a snapshot of its own.
    func read<Value: Sendable>(_ body: @escaping @Sendable (Database) throws -> Value) async throws -> Value {
        try await faultsMapped { try await pool.read(body) }
    }

    /// Reads in a snapshot of its own, blocking the calling thread (never from a task that a
    /// reader it waits for needs: see ``SynchronousReaders``).
    func read<Value>(_ body: (Database) throws -> Value) throws -> Value {
        do {
            return try pool.read(body)
        } catch let error as DatabaseError {
            throw Self.mapped(error, recordingIn: health)
        }
    }

    /// Writes in a transaction.
    func write<Value: Sendable>(_ body: @escaping @Sendable (Database) throws -> Value) async throws -> Value {
        try await faultsMapped { try await pool.write(body) }
    }

    /// Writes outside a transaction (checkpoints, `VACUUM`).
    func writeWithoutTransaction<Value: Sendable>(_ body: @escaping @Sendable (Database) throws -> Value) async throws -> Value {
        try await faultsMapped { try await pool.writeWithoutTransaction(body) }
    }

    /// A read that may run statements a read transaction refuses (`VACUUM INTO`).
    func unsafeRead<Value: Sendable>(_ body: @escaping @Sendable (Database) throws -> Value) async throws -> Value {
        try await faultsMapped { try await pool.unsafeRead(body) }
    }

    /// Commits a write that changes no data (readiness): rewriting the header's user version with
    /// its own value still appends a page to the write-ahead log and syncs it.
    func probeWrite() async throws {
        try await faultsMapped {
            try await pool.write { db in
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                try db.execute(sql: "PRAGMA user_version = \(version)")
            }
        }
    }

    func close() throws {
        try pool.close()
    }

    private func faultsMapped<Value>(_ body: () async throws -> Value) async throws -> Value {
        do {
            return try await body()
        } catch let error as DatabaseError {
            throw Self.mapped(error, recordingIn: health)
        }
    }

    /// `error` as a ``StorageFault``, recorded in `health`, when it is one; else unchanged. The
    /// one place the adapter turns SQLite's errors into the core's fault class.
    static func mapped(_ error: DatabaseError, recordingIn health: StorageHealth) -> any Error {
        guard let fault = fault(error) else { return error }
        health.record(fault)
        return fault
    }

    /// The storage fault an SQLite error reports, or nil when it is about the statement or the
    /// data (a constraint, a syntax error, a damaged file), which retrying would not mend.
    static func fault(_ error: DatabaseError) -> StorageFault? {
        switch error.resultCode {
        case .SQLITE_FULL: return StorageFault(.diskFull)
        case .SQLITE_READONLY: return StorageFault(.readOnly)
        case .SQLITE_IOERR: return StorageFault(.ioError)  // a write that ran out of space is SQLITE_FULL
        case .SQLITE_BUSY, .SQLITE_LOCKED: return StorageFault(.busy)
        case .SQLITE_CANTOPEN: return StorageFault(.unavailable)
        default: return nil
        }
    }
}
