import Foundation
import Hummingbird
import TresorModel
import TresorService
import TresorStore

/// `GET /v2/audit/entries`: the access log, filtered and cursor-paged (scope `audit.read`).
struct AuditRoutes {
    let service: TresorService

    static let known: Set<String> = ["customer", "actor", "action", "since", "until", "limit", "starting_after"]

    func add(to group: RouterGroup<TresorRequestContext>) {
        group.get("entries") { request, context in
            let (query, limit) = try Self.parse(request)
            let page = try await service.auditEntries(query, limit: limit, request: context.requestInfo(request))
            return JSONResponse.envelope(["object": "list", "data": page.entries.map(AccessLogJSON.entry), "has_more": page.hasMore])
        }
    }

    static func parse(_ request: Request) throws -> (AccessLogQuery, Int) {
        let parameters = try ListQuery.parameters(request, allowed: known)
        var query = AccessLogQuery()
        if let customer = parameters.get("customer") { query.subject = try ListQuery.uuid(customer, "customer") }
        query.actor = try text(parameters.get("actor"), "actor")
        query.action = try text(parameters.get("action"), "action")
        query.since = try time(parameters.get("since"), "since")
        query.until = try time(parameters.get("until"), "until")
        if let cursor = parameters.get("starting_after") {
            guard let sequence = Int64(cursor), sequence >= 0 else { throw ListQuery.invalid("starting_after", "must be an entry's sequence number") }
            query.afterSequence = sequence
        }
        return (query, try ListQuery.int(parameters.get("limit"), "limit", range: 1...1_000) ?? 100)
    }

    private static func text(_ value: String?, _ field: String) throws -> String? {
        guard let value else { return nil }
        guard !value.isEmpty, value.count <= 200 else { throw ListQuery.invalid(field, "must be 1 to 200 characters") }
        return value
    }

    private static func time(_ value: String?, _ field: String) throws -> Int64? {
        guard let value else { return nil }
        guard let milliseconds = AccessLogJSON.milliseconds(from: value) else {
            throw ListQuery.invalid(field, "must be an ISO 8601 date-time or date")
        }
        return milliseconds
    }
}
