import GRDB
import TresorStore

extension Database {
    /// SQLite limits bound parameters per statement; lists of ids are bound in chunks of this size.
    static let idChunkSize = 500

    /// Runs `sql` for each chunk of `ids` (statements are compiled once and cached per
    /// connection, as every statement on a hot path here is); `sql` receives the `(?, ?, …)` list for the chunk.
    func execute<Value: DatabaseValueConvertible>(forEachChunkOf ids: [Value], _ sql: (String) -> String) throws {
        for chunk in ids.chunked(into: Self.idChunkSize) {
            try cachedStatement(sql: sql(Self.placeholders(chunk.count))).execute(arguments: Self.arguments(chunk))
        }
    }

    /// Fetches the rows of `sql` for each chunk of `ids` and concatenates them.
    func fetchRows<Value: DatabaseValueConvertible>(forEachChunkOf ids: [Value], _ sql: (String) -> String) throws -> [Row] {
        var rows: [Row] = []
        for chunk in ids.chunked(into: Self.idChunkSize) {
            rows += try Row.fetchAll(cachedStatement(sql: sql(Self.placeholders(chunk.count))), arguments: Self.arguments(chunk))
        }
        return rows
    }

    /// The ids among `ids` that have a row in `table` (whose key column is `id`).
    func existingIDs(_ ids: [String], in table: String) throws -> Set<String> {
        Set(try fetchRows(forEachChunkOf: ids) { "SELECT id FROM \(table) WHERE id IN \($0)" }.map { $0["id"] as String })
    }

    /// Calls `body` with each row of `sql` for each chunk of `ids`, while the statement is on the
    /// row: `body` must not keep it (copy it with `row.copy()` to keep it).
    func forEachRow<Value: DatabaseValueConvertible>(ofChunksOf ids: [Value], _ sql: (String) -> String, _ body: (Row) throws -> Void) throws {
        for chunk in ids.chunked(into: Self.idChunkSize) {
            let rows = try Row.fetchCursor(cachedStatement(sql: sql(Self.placeholders(chunk.count))), arguments: Self.arguments(chunk))
            while let row = try rows.next() { try body(row) }
        }
    }

    /// Positional arguments for `values`, through GRDB's initializer for optional existentials:
    /// its generic one (`StatementArguments(_: some Sequence<some DatabaseValueConvertible>)`)
    /// builds a key path at run time on every call, a measurable part of a customer retrieve.
    static func arguments<Value: DatabaseValueConvertible>(_ values: ArraySlice<Value>) -> StatementArguments {
        StatementArguments(values.map { $0 as (any DatabaseValueConvertible)? })
    }

    static func placeholders(_ count: Int) -> String {
        "(" + Array(repeating: "?", count: count).joined(separator: ",") + ")"
    }
}

extension Array {
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
