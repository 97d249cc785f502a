import GRDB

extension Database {
    /// SQLite limits bound parameters per statement; lists of ids are bound in chunks of this size.
    static let idChunkSize = 500

    /// Runs `sql` for each chunk of `ids` (statements are compiled once and cached per
    /// connection, as every statement on a hot path here is); `sql` receives the `(?, ?, …)` list for the chunk.
    func execute<Value: DatabaseValueConvertible>(forEachChunkOf ids: [Value], _ sql: (String) -> String) throws {
        for chunk in ids.chunked(into: Self.idChunkSize) {
            try cachedStatement(sql: sql(Self.placeholders(chunk.count))).execute(arguments: StatementArguments(Array(chunk)))
        }
    }

    /// Fetches the rows of `sql` for each chunk of `ids` and concatenates them.
    func fetchRows<Value: DatabaseValueConvertible>(forEachChunkOf ids: [Value], _ sql: (String) -> String) throws -> [Row] {
        var rows: [Row] = []
        for chunk in ids.chunked(into: Self.idChunkSize) {
            rows += try Row.fetchAll(cachedStatement(sql: sql(Self.placeholders(chunk.count))), arguments: StatementArguments(Array(chunk)))
        }
        return rows
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
