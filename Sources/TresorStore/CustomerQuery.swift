import Foundation
import TresorModel

/// Filters, order and paging of a customer list, in Tamio's terms.
public struct CustomerQuery: Sendable, Equatable {
    public enum SortField: String, Sendable, CaseIterable {
        case createdAt = "created_at", country, name, email
    }

    public enum Order: String, Sendable {
        case ascending = "asc", descending = "desc"
    }

    /// Tamio's two paging modes.
    public enum Paging: Sendable, Equatable {
        /// `page` (1-based) and `per_page`, with `total_results`.
        case pages(page: Int, perPage: Int)
        /// Stripe-style cursor: `limit` and `starting_after` (a customer id).
        case cursor(limit: Int, startingAfter: UUID?)
    }

    /// Leads are left out unless this is set (Tamio's `include_leads`).
    public var includeLeads = false
    /// Only this category (overrides `includeLeads`).
    public var category: CustomerCategory?
    public var teammateID: UUID?
    /// Only customers assigned to one of these teammates (a role's row filter); empty finds none.
    public var teammateIDs: Set<UUID>?
    public var countries: [CountryCode] = []
    /// Created at or after (unix seconds).
    public var from: Int64?
    /// Created at or before (unix seconds).
    public var to: Int64?
    public var mailingListID: UUID?
    /// Exact email, found through the blind index.
    public var email: String?
    /// Tamio's free-text search: every word begins a word of the name, last name, company or
    /// email (``CustomerSearch``).
    public var filter: String?
    /// Restricts the result to these customers (a narrowed API key's reach).
    public var onlyCustomerIDs: Set<UUID>?
    public var sortBy: SortField = .createdAt
    public var order: Order = .descending
    public var paging: Paging = .pages(page: 1, perPage: 20)

    public init() {}
}

/// One page of customers.
public struct CustomerPage: Sendable, Equatable {
    public var customers: [Customer]
    /// All matches, for page/per_page paging.
    public var totalResults: Int?
    /// More after this page, for cursor paging.
    public var hasMore: Bool

    public init(customers: [Customer], totalResults: Int?, hasMore: Bool) {
        self.customers = customers
        self.totalResults = totalResults
        self.hasMore = hasMore
    }
}
