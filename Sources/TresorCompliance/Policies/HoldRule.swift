import TresorModel

/// A named default for legal holds in `policies/retention.yaml` (`legal_holds:`): which category
/// is kept, on what legal basis, for which purpose, and for how many years after the end of the
/// calendar year of the document's date (HGB §257(5), AO §147(4)).
public struct HoldRule: Sendable, Equatable {
    public let name: String
    public let category: HoldCategory
    public let legalBasis: String
    /// The processing purpose (policies/processing.yaml) the retained data may be read for.
    public let purpose: String
    public let years: Int

    /// The last day of the period for a document dated `documentDate`: 31 December of its year
    /// plus `years` (an invoice of March 2026 kept 8 years: until 31 December 2034).
    public func until(documentDate: CalendarDay) -> CalendarDay {
        CalendarDay(year: documentDate.year + years, month: 12, day: 31)!
    }
}
