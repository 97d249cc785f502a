import Foundation
import GRDB
import GRDBSQLite
import TresorCrypto
import TresorModel
import TresorStore

/// Reads the access log: filtered pages for `tresor audit query` and `GET /v2/audit/entries`,
/// and the raw rows, checkpoints and subject index that verification walks. Needs no master key.
public struct SQLiteAccessLogReader: AccessLogReader {
    let database: SQLiteDatabase
    /// Rows read per read transaction while filtering, so memory stays bounded.
    static let chunkSize = 1_000

    init(database: SQLiteDatabase) {
        self.database = database
    }

    /// Opens the access log of the data directory `directory` for reading only (no master key).
    public static func open(directory: URL) throws -> SQLiteAccessLogReader {
        var configuration = Configuration()
        configuration.readonly = true
        let path = directory.appendingPathComponent(DatabaseFiles.dataFileName).path
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.notInitialised(path: directory.path) }
        return SQLiteAccessLogReader(database: SQLiteDatabase(pool: try DatabasePool(path: path, configuration: configuration), health: StorageHealth()))
    }

    // MARK: Queries

    /// Up to `limit` matching entries after the query's cursor, and whether more follow.
    public func entries(_ query: AccessLogQuery, limit: Int) async throws -> (entries: [AccessLogEntry], hasMore: Bool) {
        var found: [AccessLogEntry] = []
        var hasMore = false
        try await forEach(query) { entry in
            if found.count == limit {
                hasMore = true
                return false
            }
            found.append(entry)
            return true
        }
        return (found, hasMore)
    }

    /// Calls `body` with each matching entry in sequence order until it returns false; reads in
    /// chunks, so the whole log is never in memory. The next chunk is read and decoded while
    /// `body` works through the current one.
    public func forEach(_ query: AccessLogQuery, _ body: (AccessLogEntry) throws -> Bool) async throws {
        var chunk = try await decodedChunk(query, after: query.afterSequence)
        while true {
            let (isFull, lastSequence) = (chunk.isFull, chunk.lastSequence)
            async let upcoming = isFull ? decodedChunk(query, after: lastSequence) : (entries: [], lastSequence: 0, isFull: false)
            for entry in chunk.entries where query.matches(entry) {
                if try !body(entry) { return }
            }
            guard isFull else { return }
            chunk = try await upcoming
        }
    }

    private func decodedChunk(_ query: AccessLogQuery, after cursor: Int64) async throws -> (entries: [AccessLogEntry], lastSequence: Int64, isFull: Bool) {
        let rows = try await chunk(query, after: cursor)
        let entries = try rows.map { sequence, bytes in
            do {
                return try AccessLogEncoding.decode(bytes)
            } catch {
                throw StoreError.damagedAccessLog(sequence: sequence, reason: "\(error)")
            }
        }
        return (entries, rows.last?.0 ?? cursor, rows.count == Self.chunkSize)
    }

    private func chunk(_ query: AccessLogQuery, after cursor: Int64) async throws -> [(Int64, [UInt8])] {
        // With a subject, the range is on the subject index's own (subject_id, seq) key, so each
        // chunk starts where the last ended instead of rescanning the subject's entries.
        let sequence = query.subject == nil ? "l.seq" : "s.seq"
        var conditions = ["\(sequence) > ?"]
        var arguments: [(any DatabaseValueConvertible)?] = [cursor]
        if let since = query.since { conditions.append("l.time >= ?"); arguments.append(since) }
        if let until = query.until { conditions.append("l.time < ?"); arguments.append(until) }
        var from = "access_log l"
        if let subject = query.subject {
            from = "access_log_subjects s JOIN access_log l ON l.seq = s.seq"
            conditions.append("s.subject_id = ?")
            arguments.append(subject.uuidString.lowercased())
        }
        let sql = "SELECT l.seq, l.entry FROM \(from) WHERE \(conditions.joined(separator: " AND ")) ORDER BY \(sequence) LIMIT \(Self.chunkSize)"
        let statementArguments = StatementArguments(arguments)
        return try await database.read { db in
            try Row.fetchAll(db, sql: sql, arguments: statementArguments).map { ($0["seq"], Array($0["entry"] as Data)) }
        }
    }

    // MARK: What verification walks

    /// Calls `body` with every stored entry in sequence order, in one read transaction (a snapshot).
    /// Also hands over the checkpoints and the subject index (subject id as UTF-8 text, sequence)
    /// of the same snapshot. Rows are read with SQLite's own API, without copying: this loop is
    /// what bounds `tresor audit verify`'s speed.
    public func walk(
        checkpoints: ([AccessLogCheckpoint]) throws -> Void,
        entries body: (StoredEntry) throws -> Void,
        subjectIndex: (UnsafeRawBufferPointer, Int64) throws -> Void
    ) throws {
        try database.read { db in
            try checkpoints(try Self.checkpoints(db))
            let entries = try db.makeStatement(sql: "SELECT seq, time, entry, hash FROM access_log ORDER BY seq")
            try db.step(entries) { row in
                try body(StoredEntry(sequence: sqlite3_column_int64(row, 0), time: sqlite3_column_int64(row, 1),
                                     entry: Self.blob(row, 2), hash: Self.blob(row, 3)))
            }
            let index = try db.makeStatement(sql: "SELECT subject_id, seq FROM access_log_subjects")
            try db.step(index) { row in
                try subjectIndex(Self.blob(row, 0), sqlite3_column_int64(row, 1))
            }
        }
    }

    /// A BLOB or TEXT column's bytes, valid until the next step.
    private static func blob(_ row: OpaquePointer, _ column: Int32) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: sqlite3_column_blob(row, column), count: Int(sqlite3_column_bytes(row, column)))
    }

    static func checkpoints(_ db: Database) throws -> [AccessLogCheckpoint] {
        try Row.fetchAll(db, sql: "SELECT seq, time, chain_hash, key_id, signature FROM access_log_checkpoints ORDER BY seq").map {
            AccessLogCheckpoint(sequence: $0["seq"], time: $0["time"], chainHash: Array($0["chain_hash"] as Data),
                                keyID: $0["key_id"], signature: Array($0["signature"] as Data))
        }
    }

    /// The public keys stored with the log, by key id (a convenience: an auditor should bring their own).
    public func storedPublicKeys() async throws -> [String: Ed25519PublicKey] {
        try await database.read { db in try AuditSigningKey.publicKeys(in: db) }
    }

    /// How many entries name the subject.
    public func entryCount(subject: UUID) async throws -> Int {
        try await database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM access_log_subjects WHERE subject_id = ?", arguments: [subject.lowercasedString]) ?? 0
        }
    }

    /// The number of entries and the newest checkpoint.
    public func summary() async throws -> (entries: Int, lastCheckpoint: AccessLogCheckpoint?) {
        try await database.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM access_log") ?? 0, try Self.checkpoints(db).last)
        }
    }
}
