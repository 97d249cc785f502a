import Foundation

/// A legal duty to keep part of a customer's data (HGB §257, AO §147, …) until a day. While the
/// customer exists a hold only waits; when the customer is erased, the held category is re-sealed
/// under a key of the hold's own and kept restricted until the hold ends (Docs/erasure.md).
public struct LegalHold: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        /// Declared; the customer still exists.
        case active
        /// The customer was erased; the held data is kept, restricted, until `until`.
        case retained
        /// Ended (expired or released); any retained data was erased.
        case ended
    }

    public var id: UUID
    public var customerID: UUID
    public var category: HoldCategory
    /// The law that requires keeping the data, e.g. "AO §147(1) Nr. 4, (3)".
    public var legalBasis: String
    /// The processing purpose (an id of policies/processing.yaml) the retained data may be read for.
    public var purpose: String
    /// The last day the data must be kept; the retention job erases it the day after.
    public var until: CalendarDay
    public var status: Status
    /// Unix seconds.
    public var createdAt: Int64
    /// When the customer was erased and the data retained.
    public var retainedAt: Int64?
    public var endedAt: Int64?

    public init(id: UUID = UUID(), customerID: UUID, category: HoldCategory, legalBasis: String, purpose: String, until: CalendarDay,
                status: Status = .active, createdAt: Int64, retainedAt: Int64? = nil, endedAt: Int64? = nil) {
        self.id = id
        self.customerID = customerID
        self.category = category
        self.legalBasis = legalBasis
        self.purpose = purpose
        self.until = until
        self.status = status
        self.createdAt = createdAt
        self.retainedAt = retainedAt
        self.endedAt = endedAt
    }

    /// Whether the hold still binds on `day`.
    public func isInForce(on day: CalendarDay) -> Bool {
        status != .ended && day <= until
    }

    /// The key id of the data key that seals this hold's retained data in `keys.sqlite`.
    public static func keyID(of holdID: UUID) -> String { "hold:" + holdID.lowercaseText }
}
