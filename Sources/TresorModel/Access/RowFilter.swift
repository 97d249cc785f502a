import Foundation

/// A role's row filter (`rows:` in roles.yaml): the customers its keys may reach, by clear
/// attributes, on top of any narrowing of the key. Whatever it does not admit answers exactly as
/// if it did not exist, as narrowing does (Docs/access-control.md).
public struct RowFilter: Sendable, Equatable {
    /// Only customers in these countries; nil: any country.
    public var countries: Set<CountryCode>?
    /// Only customers of these categories; nil: customers and leads.
    public var categories: Set<CustomerCategory>?
    /// Only customers assigned to one of these teammates; nil: assigned or not.
    public var teammates: Set<UUID>?

    public init(countries: Set<CountryCode>? = nil, categories: Set<CustomerCategory>? = nil, teammates: Set<UUID>? = nil) {
        self.countries = countries
        self.categories = categories
        self.teammates = teammates
    }

    /// Whether `customer` passes the filter.
    public func admits(_ customer: Customer) -> Bool {
        guard countries?.contains(customer.country) ?? true, categories?.contains(customer.category) ?? true else { return false }
        guard let teammates else { return true }
        return customer.teammateID.map(teammates.contains) ?? false
    }
}
