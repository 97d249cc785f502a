import Foundation
import Hummingbird
import HummingbirdCore
import TresorModel
import TresorService
import TresorStore

/// `/v2/customers/…`: Tamio's customer endpoints.
struct CustomerRoutes {
    let service: TresorService

    func add(to group: RouterGroup<TresorRequestContext>) {
        group.post("create") { request, context in
            let body = try await JSONBody.read(request, allowed: CustomerJSON.customerFields)
            let customer = try await service.createCustomer(try CustomerJSON.customerDraft(body), request: context.requestInfo(request))
            return JSONResponse.envelope(["customer": TamioCustomerJSON.customer(customer)])
        }
        group.get("retrieve/:id") { request, context in
            let customer = try await service.retrieveCustomer(id: try context.uuidParameter("id"), request: context.requestInfo(request))
            return JSONResponse.envelope(["customer": TamioCustomerJSON.customer(customer)])
        }
        group.post("update/:id") { request, context in
            let id = try context.uuidParameter("id")
            let body = try await JSONBody.read(request, allowed: CustomerJSON.updateFields)
            let result = try await service.updateCustomer(id: id, patch: try CustomerJSON.customerPatch(body), request: context.requestInfo(request))
            return JSONResponse.envelope(["customer": TamioCustomerJSON.customer(result.customer)])
        }
        group.delete(":id") { request, context in
            let id = try context.uuidParameter("id")
            try await service.deleteCustomer(id: id, request: context.requestInfo(request))
            return JSONResponse.envelope(["customer": ["id": id.uuidString.lowercased(), "object": "customer", "deleted": true]])
        }
        group.get("list") { request, context in
            let query = try ListQuery.parse(request)
            let page = try await service.listCustomers(query, request: context.requestInfo(request))
            var payload: [String: Any] = ["customers": page.customers.map(TamioCustomerJSON.customer), "has_more": page.hasMore]
            if let total = page.totalResults { payload["total_results"] = total }
            return JSONResponse.envelope(payload)
        }
        for path in ["add-to-list/:id", "remove-from-list/:id"] {
            group.post(RouterPath(path)) { request, context in
                let id = try context.uuidParameter("id")
                let body = try await JSONBody.read(request, allowed: ["mailing_list"])
                let list = try body.requireUUID("mailing_list")
                let info = try context.requestInfo(request)
                let outcomes = path.hasPrefix("add")
                    ? try await service.addToMailingList(listID: list, customerIDs: [id], request: info)
                    : try await service.removeFromMailingList(listID: list, customerIDs: [id], request: info)
                guard outcomes.first?.status != .notFound else { throw Problem.notFound("customer \(id.uuidString.lowercased()) not found") }
                return JSONResponse.envelope(["customer": TamioCustomerJSON.customer(try await service.retrieveCustomer(id: id, request: info))])
            }
        }
    }
}

/// Query parameters of `GET /v2/customers/list`, checked strictly.
enum ListQuery {
    static let known: Set<String> = ["page", "per_page", "limit", "starting_after", "order", "sort_by", "include_leads", "category",
                                     "teammate_id", "countries[]", "countries", "from", "to", "mailing_list", "email"]

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
                                  perPage: try int(parameters.get("per_page"), "per_page", range: 1...100) ?? 20)
        }
        return query
    }

    static func invalid(_ field: String, _ reason: String) -> Problem { Problem.invalid(FieldError(field: field, reason: reason)) }

    /// The request's query parameters, once none but `allowed` is present (422 naming the first other).
    static func parameters(_ request: Request, allowed: Set<String>) throws -> FlatDictionary<Substring, Substring> {
        let parameters = request.uri.queryParameters
        for (key, _) in parameters where !allowed.contains(String(key)) {
            throw invalid(String(key), "is not a known query parameter")
        }
        return parameters
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

    private static func bool(_ text: String?, _ field: String) throws -> Bool? {
        switch text {
        case nil: return nil
        case "true", "1": return true
        case "false", "0": return false
        default: throw invalid(field, "must be true or false")
        }
    }

    /// Unix seconds or ISO 8601.
    private static func timestamp(_ text: String?, _ field: String) throws -> Int64? {
        guard let text else { return nil }
        if let seconds = Int64(text) { return seconds }
        if let date = ISO8601DateFormatter().date(from: text) { return Int64(date.timeIntervalSince1970) }
        throw invalid(field, "must be unix seconds or an ISO 8601 date-time")
    }
}
