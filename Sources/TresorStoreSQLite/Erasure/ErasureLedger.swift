import Foundation
import GRDB
import TresorStore

/// The erasure ledger (Docs/erasure.md): every erasure, hash-chained and free of personal data,
/// written twice: into the data file, in the erasure's own transaction, and into
/// `erasure-ledger.jsonl` right after the commit. The data file's copy makes the file repairable
/// after a crash; the file outlives the data file, so a restore can replay into an older backup
/// the erasures made after it was taken.
public struct ErasureLedger: Sendable {
    let database: SQLiteDatabase
    let file: ErasureLedgerFile

    init(database: SQLiteDatabase, directory: URL) {
        self.database = database
        file = ErasureLedgerFile(url: directory.appendingPathComponent(ErasureLedgerFile.fileName))
    }

    /// Appends one entry per subject inside the erasure's transaction `db`.
    @discardableResult
    func append(_ kind: ErasureLedgerEntry.Kind, subjects: [(subjectID: String, holdID: String?)], time: Int64,
                in db: Database) throws -> [ErasureLedgerEntry] {
        var (sequence, previous) = try Self.head(db)
        var entries: [ErasureLedgerEntry] = []
        for subject in subjects {
            sequence += 1
            let entry = try ErasureLedgerEntry(sequence: sequence, time: time, kind: kind, subjectID: subject.subjectID,
                                               holdID: subject.holdID, previousHash: previous)
            try Self.insert(entry, into: db)
            entries.append(entry)
            previous = entry.hash
        }
        return entries
    }

    /// Inserts an entry of another copy of the ledger (a restore's replay); it must continue the
    /// data file's chain.
    static func insertReplayed(_ entry: ErasureLedgerEntry, into db: Database) throws {
        let (sequence, previous) = try head(db)
        guard entry.sequence == sequence + 1, entry.previousHash == previous else { throw StoreError.ledgerMismatch(sequence: entry.sequence) }
        try insert(entry, into: db)
    }

    private static func insert(_ entry: ErasureLedgerEntry, into db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO erasure_ledger (seq, time, kind, subject_id, hold_id, hash) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(arguments: [entry.sequence, entry.time, entry.kind.rawValue, entry.subjectID, entry.holdID, Data(entry.hash)])
    }

    /// The last sequence number and hash in the data file (0 and the genesis hash when empty).
    static func head(_ db: Database) throws -> (sequence: Int64, hash: [UInt8]) {
        guard let row = try Row.fetchOne(db, sql: "SELECT seq, hash FROM erasure_ledger ORDER BY seq DESC LIMIT 1") else {
            return (0, ErasureLedgerEntry.genesisHash)
        }
        return (row["seq"], Array(row["hash"] as Data))
    }

    /// The data file's entries after `sequence`, in order.
    static func entries(after sequence: Int64, in db: Database) throws -> [ErasureLedgerEntry] {
        var previous = try Data.fetchOne(db, sql: "SELECT hash FROM erasure_ledger WHERE seq = ?", arguments: [sequence]).map { Array($0) }
            ?? ErasureLedgerEntry.genesisHash
        return try Row.fetchAll(db, sql: "SELECT * FROM erasure_ledger WHERE seq > ? ORDER BY seq", arguments: [sequence]).map { row in
            let stored = StoredRow(row, table: "erasure_ledger")
            let entry = ErasureLedgerEntry(sequence: try stored.value("seq"), time: try stored.value("time"), kind: try stored.enumeration("kind"),
                                           subjectID: try stored.value("subject_id"), holdID: try stored.optional("hold_id"), previousHash: previous,
                                           hash: Array(try stored.value("hash", as: Data.self)))
            previous = entry.hash
            return entry
        }
    }

    /// Copies to the file the entries it lacks; called after every erasure commits.
    func syncFile() async throws {
        try await database.read { db in
            try file.append { last in try Self.entries(after: last, in: db) }
        }
    }

    /// Checks at open that the file and the data file tell the same story: a file behind the
    /// data file (a crash before the copy) is completed; a file ahead of it means the data file is
    /// an older copy that never had the newer erasures replayed, and the store refuses to open.
    func checkAtOpen() async throws {
        let fileLast = try file.lastEntry()
        let (dataSequence, dataHash) = try await database.read { db in try Self.head(db) }
        guard let fileLast else {
            if dataSequence > 0 { try await syncFile() }
            return
        }
        guard try fileLast.computedHash() == fileLast.hash else { throw StoreError.damagedLedger(line: nil) }
        if fileLast.sequence > dataSequence { throw StoreError.ledgerNotReplayed(dataFile: dataSequence, ledger: fileLast.sequence) }
        let storedHash: [UInt8]? = fileLast.sequence == dataSequence ? dataHash : try await database.read { db -> [UInt8]? in
            try Data.fetchOne(db, sql: "SELECT hash FROM erasure_ledger WHERE seq = ?", arguments: [fileLast.sequence]).map { Array($0) }
        }
        guard storedHash == fileLast.hash else { throw StoreError.ledgerMismatch(sequence: fileLast.sequence) }
        if fileLast.sequence < dataSequence { try await syncFile() }
    }
}
