import Foundation
import GRDB
import TresorModel
import TresorStore

/// A fetched row read strictly: every value must decode as what its column holds, or the read
/// throws ``StoreError/unreadableValue(table:column:row:)`` naming the table, column and row id
/// (never the value). Nothing stored is ever read as a default: a hold's end date that does not
/// parse must stop the retention job, not become 1970-01-01.
struct StoredRow {
    let row: Row
    let table: String

    init(_ row: Row, table: String) {
        self.row = row
        self.table = table
    }

    /// The row's `id` as stored (for error messages), or "?" when it has none.
    var rowID: String {
        (row["id"] as DatabaseValue?).flatMap { String.fromDatabaseValue($0) ?? Int64.fromDatabaseValue($0).map(String.init) } ?? "?"
    }

    func failure(_ column: String) -> StoreError {
        .unreadableValue(table: table, column: column, row: rowID)
    }

    /// A non-null value of the column's type.
    func value<Value: DatabaseValueConvertible>(_ column: String, as type: Value.Type = Value.self) throws -> Value {
        guard let stored = row[column] as DatabaseValue?, let value = Value.fromDatabaseValue(stored) else { throw failure(column) }
        return value
    }

    /// Nil for NULL; otherwise a value of the column's type.
    func optional<Value: DatabaseValueConvertible>(_ column: String, as type: Value.Type = Value.self) throws -> Value? {
        guard let stored = row[column] as DatabaseValue? else { throw failure(column) }
        if stored.isNull { return nil }
        guard let value = Value.fromDatabaseValue(stored) else { throw failure(column) }
        return value
    }

    /// A value parsed from the column's text: an enumeration, a country, a day.
    func parsed<Value>(_ column: String, _ parse: (String) -> Value?) throws -> Value {
        guard let value = parse(try value(column, as: String.self)) else { throw failure(column) }
        return value
    }

    /// Nil for NULL; otherwise a value parsed from the column's text.
    func optionalParsed<Value>(_ column: String, _ parse: (String) -> Value?) throws -> Value? {
        guard let text = try optional(column, as: String.self) else { return nil }
        guard let value = parse(text) else { throw failure(column) }
        return value
    }

    func uuid(_ column: String) throws -> UUID { try parsed(column, UUID.init(uuidString:)) }
    func optionalUUID(_ column: String) throws -> UUID? { try optionalParsed(column, UUID.init(uuidString:)) }

    func enumeration<Value: RawRepresentable>(_ column: String, as type: Value.Type = Value.self) throws -> Value where Value.RawValue == String {
        try parsed(column, Value.init(rawValue:))
    }

    func country(_ column: String) throws -> CountryCode { try parsed(column, CountryCode.init) }
}
