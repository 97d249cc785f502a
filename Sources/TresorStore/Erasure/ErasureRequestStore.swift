import Foundation
import TresorModel

/// Erasure requests. The service decides the transitions (Docs/erasure.md); a store keeps them.
public protocol ErasureRequestStore: Sendable {
    /// Records a request for an existing customer; `note` is sealed under the customer's key.
    func create(customerID: UUID, receivedOn: CalendarDay, channel: String, note: String?) async throws -> ErasureRequest
    func request(id: UUID) async throws -> ErasureRequest
    /// Requests by day received, optionally of one status.
    func requests(status: ErasureRequest.Status?) async throws -> [ErasureRequest]
    /// Stores `request` if its stored status is still `expected` (else not found: someone else moved it).
    func update(_ request: ErasureRequest, expecting expected: ErasureRequest.Status) async throws
}
