import Foundation
import GRDB
import GRDBSQLite
import TresorStore

/// Statements bound and stepped with SQLite's own API, for the hot paths where GRDB's arguments
/// and rows cost more than the statement (a customer's reads, search tokens, the access-log
/// walk). Each resets its statement afterwards, so GRDB finds its cached statements as it left them.
extension Database {
    /// Runs `sql` for each chunk of `ids` and hands each row to `body`, read by position
    /// (``PositionalRow``). The statement is compiled once per connection and bound directly;
    /// it is reset when the rows end or `body` throws.
    func forEachRow<Column: StoredColumns>(
        _ columns: Column.Type, id idColumn: Column, ofChunksOf ids: [String], _ sql: (String) -> String,
        _ body: (PositionalRow<Column>) throws -> Void
    ) throws {
        for chunk in ids.chunked(into: Self.idChunkSize) {
            let statement = try cachedStatement(sql: sql(Self.placeholders(chunk.count)))
            try bind(chunk, to: statement)
            try step(statement) { try body(PositionalRow(statement: $0, idColumn: idColumn)) }
        }
    }

    /// Binds `texts` to the statement's parameters in order, copied by SQLite
    /// (`SQLITE_TRANSIENT`), without GRDB's `StatementArguments`: on a point read, building and
    /// checking those cost more than the statement's step.
    func bind(_ texts: ArraySlice<String>, to statement: Statement) throws {
        let raw = statement.sqliteStatement
        sqlite3_reset(raw)
        sqlite3_clear_bindings(raw)
        for (offset, text) in texts.enumerated() {
            let code = sqlite3_bind_text(raw, Int32(offset + 1), text, -1, Self.transient)
            guard code == SQLITE_OK else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqliteConnection)))
            }
        }
    }

    /// Binds one BLOB to the statement's only parameter, copied by SQLite.
    func bind(blob: [UInt8], to statement: Statement) throws {
        let raw = statement.sqliteStatement
        sqlite3_reset(raw)
        sqlite3_clear_bindings(raw)
        let code = blob.withUnsafeBytes { sqlite3_bind_blob(raw, 1, $0.baseAddress, Int32($0.count), Self.transient) }
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqliteConnection)))
        }
    }

    /// Runs a two-parameter statement (an integer and a text) once per pair, bound and stepped
    /// directly: search tokens are written some forty per customer, where GRDB's arguments would
    /// cost more than SQLite's insert.
    func execute(_ statement: Statement, forEach pairs: [(Int64, String)]) throws {
        let raw = statement.sqliteStatement
        for (number, text) in pairs {
            sqlite3_reset(raw)
            var code = sqlite3_bind_int64(raw, 1, number)
            if code == SQLITE_OK { code = sqlite3_bind_text(raw, 2, text, -1, Self.transient) }
            if code == SQLITE_OK { code = sqlite3_step(raw) }
            guard code == SQLITE_DONE else {
                sqlite3_reset(raw)
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqliteConnection)))
            }
        }
        sqlite3_reset(raw)
    }

    /// SQLite's `SQLITE_TRANSIENT` (a C macro Swift does not import): "copy the value now".
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Steps through `statement`'s rows, calling `body` with the raw statement at each row; the
    /// statement is reset afterwards, also when `body` throws.
    func step(_ statement: Statement, _ body: (SQLiteStatement) throws -> Void) throws {
        let raw = statement.sqliteStatement
        defer { sqlite3_reset(raw) }
        while true {
            let code = sqlite3_step(raw)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqliteConnection)))
            }
            try body(raw)
        }
    }
}
