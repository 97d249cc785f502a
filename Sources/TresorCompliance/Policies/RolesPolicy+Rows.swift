import Foundation
import TresorModel
import Yams

extension RolesPolicy {
    /// A role's `rows:` mapping: `country:`, `category:` and/or `teammate:` (teammate ids) lists
    /// of the values its keys may reach; nil without one.
    static func rowFilter(_ node: Node?, field: String, in document: PolicyDocument) throws -> RowFilter? {
        guard let node else { return nil }
        let mapping = try document.mapping(node, field: field)
        try document.rejectUnknownKeys(mapping, allowed: ["country", "category", "teammate"], field: field)
        var filter = RowFilter()
        if let countries = mapping["country"] {
            filter.countries = Set(try document.strings(countries, field: "\(field).country").map { text, item in
                guard let country = CountryCode(text) else { throw document.error(item, field: "\(field).country", "'\(text)' is not an ISO 3166-1 alpha-2 country code") }
                return country
            })
        }
        if let categories = mapping["category"] {
            filter.categories = Set(try document.strings(categories, field: "\(field).category").map { text, item in
                guard let category = CustomerCategory(rawValue: text) else { throw document.error(item, field: "\(field).category", "must be customer or lead") }
                return category
            })
        }
        if let teammates = mapping["teammate"] {
            filter.teammates = Set(try document.strings(teammates, field: "\(field).teammate").map { text, item in
                guard let id = UUID(uuidString: text) else { throw document.error(item, field: "\(field).teammate", "'\(text)' is not a teammate id (UUID)") }
                return id
            })
        }
        guard filter.countries != nil || filter.categories != nil || filter.teammates != nil else {
            throw document.error(node, field: field, "must give country, category or teammate")
        }
        return filter
    }
}
