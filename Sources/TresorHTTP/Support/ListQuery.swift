import Foundation
import Hummingbird
import HummingbirdCore
import TresorModel
import TresorStore

/// Query parameters of `GET /v2/customers/list`, checked strictly.
enum ListQuery {
    /// The most customers one page holds (Tamio sets no maximum; Docs/api.md says why there is one).
    static let maximumPerPage = 1_000
    static let known: Set<String> = ["page", "per_page", "limit", "starting_after", "order", "sort_by", "include_leads", "category",
                                     "teammate_id", "countries[]", "countries", "from", "to", "mailing_list", "email", "filter"]

    static func parse(_ request: Request) throws -> CustomerQuery {
        let parameters = try parameters(request, allowed: known)
        var query = CustomerQuery()
        query.includeLeads = try bool(parameters.get("include_leads"), "include_leads") ?? false
        if let category = parameters.get("category") {
            guard let value = CustomerCategory(rawValue: category) else { throw invalid("category", "must be customer or lead") }
            query.category = value
        }
        if let teammate = parameters.get("teammate_id") { query.teammateID = try uuid(teammate, "teammate_id") }
        if let list = parameters.get("mailing_list") { query.mailingListID = try uuid(list, "mailing_list") }
        for (index, code) in (parameters.getAll("countries[]") + parameters.getAll("countries")).enumerated() {
            guard let country = CountryCode(code) else { throw invalid("countries[\(index)]", "must be an ISO 3166-1 alpha-2 country code") }
            query.countries.append(country)
        }
        query.from = try timestamp(parameters.get("from"), "from")
        query.to = try timestamp(parameters.get("to"), "to")
        query.email = parameters.get("email")
        if let filter = parameters.get("filter") {
            guard filter.count <= 200 else { throw invalid("filter", "may be at most 200 characters long") }
            query.filter = filter
        }
        if let sort = parameters.get("sort_by") {
            guard let field = CustomerQuery.SortField(rawValue: sort) else { throw invalid("sort_by", "must be one of name, email, country, created_at") }
            query.sortBy = field
        }
        if let order = parameters.get("order") {
            guard let value = CustomerQuery.Order(rawValue: order) else { throw invalid("order", "must be asc or desc") }
            query.order = value
        }
        if parameters.get("limit") != nil || parameters.get("starting_after") != nil {
            guard parameters.get("page") == nil, parameters.get("per_page") == nil else {
                throw invalid("limit", "use either limit/starting_after or page/per_page, not both")
            }
            let limit = try int(parameters.get("limit"), "limit", range: 1...100) ?? 10
            query.paging = .cursor(limit: limit, startingAfter: try parameters.get("starting_after").map { try uuid($0, "starting_after") })
        } else {
            query.paging = .pages(page: try int(parameters.get("page"), "page", range: 1...1_000_000) ?? 1,
                                  perPage: try int(parameters.get("per_page"), "per_page", range: 1...Self.maximumPerPage) ?? 20)
        }
        return query
    }

    static func invalid(_ field: String, _ reason: String) -> Problem { Problem.invalid(FieldError(field: field, reason: reason)) }

    /// The request's query parameters, once none but `allowed` is present (422 naming the first
    /// other). Keys and values are decoded as HTML forms encode them (`+` a space, `%XX` a byte),
    /// which is how Python's `urlencode` and JavaScript's `URLSearchParams` write them:
    /// `countries%5B%5D=de` is `countries[]=de`.
    static func parameters(_ request: Request, allowed: Set<String>) throws -> FlatDictionary<Substring, Substring> {
        var pairs: [(key: Substring, value: Substring)] = []
        for item in (request.uri.query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = try formDecoded(parts[0], field: String(parts[0]))
            let value = parts.count > 1 ? try formDecoded(parts[1], field: key) : ""
            guard allowed.contains(key) else { throw invalid(key, "is not a known query parameter") }
            pairs.append((key[...], value[...]))
        }
        return FlatDictionary(pairs)
    }

    /// One key or value of a query string, decoded; 422 naming `field` when its percent-encoding is broken.
    private static func formDecoded(_ text: Substring, field: String) throws -> String {
        guard let decoded = text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding else {
            throw invalid(field, "is not correctly percent-encoded")
        }
        return decoded
    }

    /// A parameter that must be one of an enumeration's raw values, or nil when absent.
    static func choice<Value: RawRepresentable & CaseIterable>(_ text: String?, _ field: String) throws -> Value? where Value.RawValue == String {
        guard let text else { return nil }
        guard let value = Value(rawValue: text) else {
            throw invalid(field, "must be one of \(Value.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    static func uuid(_ text: String, _ field: String) throws -> UUID {
        guard let id = UUID(uuidString: text) else { throw invalid(field, "must be a UUID") }
        return id
    }

    static func int(_ text: String?, _ field: String, range: ClosedRange<Int>) throws -> Int? {
        guard let text else { return nil }
        guard let value = Int(text), range.contains(value) else { throw invalid(field, "must be a whole number from \(range.lowerBound) to \(range.upperBound)") }
        return value
    }

    /// `true`/`false`/`1`/`0`, in any case (`True` is how Python writes it).
    private static func bool(_ text: String?, _ field: String) throws -> Bool? {
        switch text?.lowercased() {
        case nil: return nil
        case "true", "1": return true
        case "false", "0": return false
        default: throw invalid(field, "must be true or false")
        }
    }

    /// Unix seconds; an ISO 8601 date-time with or without fractional seconds (JavaScript's
    /// `toISOString()` writes `2026-12-02T01:19:39.000Z`); or a date alone, meaning its start in UTC.
    static func timestamp(_ text: String?, _ field: String) throws -> Int64? {
        guard var text else { return nil }
        if let seconds = Int64(text) { return seconds }
        // A `+01:00` offset sent without encoding arrives as a space.
        if text.count > 19, text[text.index(text.startIndex, offsetBy: 10)] == "T", let space = text.lastIndex(of: " ") {
            text.replaceSubrange(space...space, with: "+")
        }
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let dateOnly = ISO8601DateFormatter()
        dateOnly.formatOptions = [.withFullDate]
        for formatter in [ISO8601DateFormatter(), withFraction] {
            if let date = formatter.date(from: text) { return Int64(date.timeIntervalSince1970.rounded(.down)) }
        }
        if text.count == 10, let date = dateOnly.date(from: text) { return Int64(date.timeIntervalSince1970) }
        throw invalid(field, "must be unix seconds, an ISO 8601 date-time (fractional seconds allowed) or a date such as 2026-12-02")
    }
}
