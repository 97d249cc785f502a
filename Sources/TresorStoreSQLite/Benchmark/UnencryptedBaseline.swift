import Foundation
import GRDB
import TresorCrypto
import TresorModel
import TresorStore

/// The benchmark baseline for customer creation: the store's own schema, files and INSERT
/// statements, with every sealed field replaced by random bytes of the same length and no key
/// wrapping, validation or blind index computed. Only for `tresor bench`.
public final class UnencryptedBaseline: StoreBaseline {
    private let files: DatabaseFiles

    public init(directory: URL) throws {
        files = try DatabaseFiles.open(in: directory, health: StorageHealth())
    }

    /// Inserts already validated customers the way ``SQLiteCustomerStore/createCustomers(_:)``
    /// does (keys file first, then the rows in one transaction), with random bytes for ciphertext.
    public func insert(_ customers: [Customer], now: Int64) async throws {
        let keyRows = customers.map { ($0.id.lowercasedString, Data(Self.randomBytes(WrappedDataKey.byteCount))) }
        try await files.keys.write { db in
            for (subjectID, wrapped) in keyRows {
                try db.cachedStatement(sql: "INSERT INTO subject_keys (subject_id, wrapped_key, created_at) VALUES (?, ?, ?)")
                    .execute(arguments: [subjectID, wrapped, now])
                try db.cachedStatement(sql: "INSERT INTO pending_keys (subject_id, created_at) VALUES (?, ?)")
                    .execute(arguments: [subjectID, now])
            }
        }
        try await files.data.write { db in
            let randomSealer: RecordCodec.FieldSealer = { value, _ in
                Data(Self.randomBytes(value.utf8.count + SealedField.overhead))
            }
            for customer in customers {
                try RecordCodec.insertCustomer(customer, emailIndex: Self.randomBytes(BlindIndexKey.byteCount),
                                               sealer: randomSealer, into: db)
                // As many search tokens as the store writes, with arbitrary values.
                let termCount = CustomerSearch.terms(of: CustomerSearch.fields(of: customer)).count
                let tokens = Self.randomBytes(termCount * 4).chunked(into: 4).map { $0.reduce(Int64(0)) { $0 << 8 | Int64($1) } }
                try SQLiteCustomerStore.insertSearchTokens(tokens, of: customer.id, in: db)
            }
        }
    }

    /// Reads a customer's rows (customer, addresses, list memberships) the way the store does,
    /// every column of every row, without unwrapping a key or opening a field; returns how many
    /// customer and address rows it read.
    public func readRows(id: UUID) async throws -> Int {
        try await files.data.read { db in
            var rows = 0
            try SQLiteCustomerStore.visitRows([id.lowercasedString], in: db, membership: { $0.touchEveryColumn() },
                                              address: { $0.touchEveryColumn(); rows += 1 },
                                              customer: { $0.touchEveryColumn(); rows += 1 })
            return rows
        }
    }

    /// Deletes customers the plain way: their rows and their keys, one transaction in each file,
    /// with no intent, ledger, certificate, log entry or checkpoint.
    public func delete(_ ids: [UUID]) async throws {
        let subjectIDs = ids.map(\.lowercasedString)
        try await files.keys.write { db in
            try db.execute(forEachChunkOf: subjectIDs) { "DELETE FROM subject_keys WHERE subject_id IN \($0)" }
        }
        try await files.data.write { db in
            try db.execute(forEachChunkOf: subjectIDs) { "DELETE FROM customers WHERE id IN \($0)" }
        }
    }

    public func close() throws {
        try files.data.close()
        try files.keys.close()
    }

    /// Fast non-cryptographic bytes (SplitMix64): the baseline must not pay for randomness
    /// the real store does not pay for either.
    private static func randomBytes(_ count: Int) -> [UInt8] {
        var state = UInt64.random(in: .min ... .max)
        var bytes = [UInt8](repeating: 0, count: count)
        for index in stride(from: 0, to: count, by: 8) {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            mixed ^= mixed >> 31
            for offset in 0..<Swift.min(8, count - index) {
                bytes[index + offset] = UInt8(truncatingIfNeeded: mixed >> (8 * offset))
            }
        }
        return bytes
    }
}
