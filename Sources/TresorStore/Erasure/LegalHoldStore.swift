import Foundation
import TresorModel

/// Legal holds and the data they retain after an erasure (Docs/erasure.md). Erasing and ending
/// holds is the customer store's work, in the units of work they share with the rest of an erasure.
public protocol LegalHoldStore: Sendable {
    /// Records a hold on an existing customer.
    func create(_ hold: LegalHold) async throws -> LegalHold
    func hold(id: UUID) async throws -> LegalHold
    /// Holds by creation, optionally of one customer and of one status.
    func holds(customerID: UUID?, status: LegalHold.Status?) async throws -> [LegalHold]
    /// The data a hold retains, as JSON in Tamio's shapes; not found unless the hold is `retained`.
    func retainedData(holdID: UUID) async throws -> Data
}
