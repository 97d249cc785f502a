/// Where a sealed field lives: its table, column and row. Bound into the field's associated
/// data, so a ciphertext copied to another row or column does not open.
public struct FieldContext: Sendable, Hashable {
    /// The table and column, with their encoded part of the associated data.
    public let sealedColumn: SealedColumn
    public let rowID: String

    public var table: String { sealedColumn.table }
    public var column: String { sealedColumn.column }

    public init(table: String, column: String, rowID: String) {
        self.init(column: SealedColumn(table: table, column: column), rowID: rowID)
    }

    /// A context in a column whose encoding was made once (a store reading many rows keeps one
    /// ``SealedColumn`` per column, so that opening a field builds nothing on the heap).
    public init(column: SealedColumn, rowID: String) {
        sealedColumn = column
        self.rowID = rowID
    }

    /// The encoded context's length: `LP(table) ‖ LP(column) ‖ LP(rowID)`.
    var encodedCount: Int { sealedColumn.encoded.count + 4 + rowID.utf8.count }

    /// Writes `LP(table) ‖ LP(column) ‖ LP(rowID)` into `buffer`, which has ``encodedCount`` bytes.
    func encode(into buffer: UnsafeMutableRawBufferPointer) {
        let columnCount = sealedColumn.encoded.count
        sealedColumn.encoded.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[0..<columnCount]).copyMemory(from: $0) }
        var rowID = rowID
        rowID.withUTF8 { utf8 in
            let length = UInt32(utf8.count)
            buffer[columnCount] = UInt8(truncatingIfNeeded: length >> 24)
            buffer[columnCount + 1] = UInt8(truncatingIfNeeded: length >> 16)
            buffer[columnCount + 2] = UInt8(truncatingIfNeeded: length >> 8)
            buffer[columnCount + 3] = UInt8(truncatingIfNeeded: length)
            UnsafeMutableRawBufferPointer(rebasing: buffer[(columnCount + 4)...]).copyMemory(from: UnsafeRawBufferPointer(utf8))
        }
    }
}

/// A column of sealed fields: its table and column, and their part of every field context in
/// it, `LP(table) ‖ LP(column)`, encoded once.
public struct SealedColumn: Sendable, Hashable {
    public let table: String
    public let column: String
    let encoded: [UInt8]

    public init(table: String, column: String) {
        self.table = table
        self.column = column
        var encoder = LengthPrefixedEncoder(capacity: 8 + table.utf8.count + column.utf8.count)
        encoder.append(table)
        encoder.append(column)
        encoded = encoder.bytes
    }
}
