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
