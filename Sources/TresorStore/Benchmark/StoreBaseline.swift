import Foundation
import TresorModel

/// The floor `tresor bench` measures a backend's figures against in the same run: the backend's
/// own schema, files and statements, with random bytes for every sealed field and no key
/// wrapping, validation or blind index. Only for benchmarks.
public protocol StoreBaseline: Sendable {
    /// Inserts already validated customers as the store would (keys first, then the rows).
    func insert(_ customers: [Customer], now: Int64) async throws
    /// Reads a customer's rows without opening them; returns how many were read.
    func readRows(id: UUID) async throws -> Int
    /// Deletes the customers' rows and keys.
    func delete(_ ids: [UUID]) async throws
    func close() throws
}
