/// Where a sealed field lives: its table, column and row. Bound into the field's associated
/// data, so a ciphertext copied to another row or column does not open.
public struct FieldContext: Sendable, Hashable {
    public let table: String
    public let column: String
    public let rowID: String
    /// `LP(table) ‖ LP(column) ‖ LP(rowID)`, computed once.
    let encoded: [UInt8]

    public init(table: String, column: String, rowID: String) {
        self.table = table
        self.column = column
        self.rowID = rowID
        var encoder = LengthPrefixedEncoder()
        encoder.append(table)
        encoder.append(column)
        encoder.append(rowID)
        encoded = encoder.bytes
    }
}
