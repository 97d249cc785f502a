import Foundation
import GRDB
import GRDBSQLite
import TresorCrypto
import TresorModel
import TresorStore

/// The columns a hot-path SELECT lists, in order: the case's raw value is its position.
protocol StoredColumns: RawRepresentable<Int32>, CaseIterable {
    /// The table the columns belong to (for errors and sealing contexts).
    static var table: String { get }
    /// The column names in position order.
    static var names: [String] { get }
    /// `a, b, c`: the names as a select list.
    static var selectList: String { get }
    /// Each column's part of a sealing context, in position order (made once).
    static var sealing: [SealedColumn] { get }
}

extension StoredColumns {
    /// The column's name.
    var name: String { Self.names[Int(rawValue)] }
}

/// One row of a statement being stepped, read by position straight from SQLite's buffers, as
/// strictly as ``StoredRow``: a value that is not of its column's type throws
/// ``StoreError/unreadableValue(table:column:row:)``, and a sealed field is opened where it lies,
/// without a copy. The reads of a customer's rows go through it: GRDB's `Row` would build a
/// column-name index for every statement and copy every blob, several times the cost of the
/// SELECT itself (Docs/performance.md, "Reading customers from the store").
///
/// Valid only inside the closure it is handed to: the statement moves on after it.
struct PositionalRow<Column: StoredColumns> {
    let statement: SQLiteStatement
    /// The position of the row's id, named in errors (never a value).
    let idColumn: Column

    /// The row's id as stored, or "?" when it is not text.
    var rowID: String { (try? text(idColumn)) ?? "?" }

    func failure(_ column: Column) -> StoreError {
        .unreadableValue(table: Column.table, column: column.name, row: rowID)
    }

    private func type(_ column: Column) -> Int32 { sqlite3_column_type(statement, column.rawValue) }

    /// Whether the column holds a BLOB (a sealed field) in this row.
    func isBlob(_ column: Column) -> Bool { type(column) == SQLITE_BLOB }

    /// A TEXT value.
    func text(_ column: Column) throws -> String {
        guard type(column) == SQLITE_TEXT else { throw failure(column) }
        let bytes = UnsafeRawBufferPointer(start: sqlite3_column_text(statement, column.rawValue),
                                           count: Int(sqlite3_column_bytes(statement, column.rawValue)))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Nil for NULL, otherwise a TEXT value.
    func optionalText(_ column: Column) throws -> String? {
        type(column) == SQLITE_NULL ? nil : try text(column)
    }

    /// An INTEGER value.
    func integer(_ column: Column) throws -> Int64 {
        guard type(column) == SQLITE_INTEGER else { throw failure(column) }
        return sqlite3_column_int64(statement, column.rawValue)
    }

    /// An INTEGER value read as a flag (non-zero is true, as GRDB reads it).
    func flag(_ column: Column) throws -> Bool { try integer(column) != 0 }

    /// A value parsed from TEXT: an id, an enumeration, a country.
    func parsed<Value>(_ column: Column, _ parse: (String) -> Value?) throws -> Value {
        guard let value = parse(try text(column)) else { throw failure(column) }
        return value
    }

    /// Nil for NULL, otherwise a value parsed from TEXT.
    func optionalParsed<Value>(_ column: Column, _ parse: (String) -> Value?) throws -> Value? {
        type(column) == SQLITE_NULL ? nil : try parsed(column, parse)
    }

    func uuid(_ column: Column) throws -> UUID { try parsed(column, UUID.init(uuidString:)) }
    func optionalUUID(_ column: Column) throws -> UUID? { try optionalParsed(column, UUID.init(uuidString:)) }
    func country(_ column: Column) throws -> CountryCode { try parsed(column, CountryCode.init) }
    func enumeration<Value: RawRepresentable<String>>(_ column: Column, as type: Value.Type = Value.self) throws -> Value {
        try parsed(column, Value.init(rawValue:))
    }

    /// Nil for NULL; otherwise the sealed BLOB opened under `key` for this row's field (its
    /// context is the table, the column and `rowID`). A field that does not open throws the
    /// ``CryptoError``.
    func open(_ column: Column, rowID: String, key: DataKey) throws -> String? {
        switch type(column) {
        case SQLITE_NULL: return nil
        case SQLITE_BLOB:
            let sealed = UnsafeRawBufferPointer(start: sqlite3_column_blob(statement, column.rawValue),
                                                count: Int(sqlite3_column_bytes(statement, column.rawValue)))
            return try key.openString(sealed, context: FieldContext(column: Column.sealing[Int(column.rawValue)], rowID: rowID))
        default: throw failure(column)
        }
    }

    /// Reads every column's value from SQLite without interpreting it (the benchmark baseline's read).
    func touchEveryColumn() {
        for column in Column.allCases where type(column) != SQLITE_NULL {
            if type(column) == SQLITE_INTEGER {
                _ = sqlite3_column_int64(statement, column.rawValue)
            } else {
                _ = sqlite3_column_blob(statement, column.rawValue)
                _ = sqlite3_column_bytes(statement, column.rawValue)
            }
        }
    }
}

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
