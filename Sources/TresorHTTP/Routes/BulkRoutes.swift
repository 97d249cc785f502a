import Foundation
import Hummingbird
import TresorModel
import TresorService
import TresorStore

/// `/v2/customers/bulk/…`: results per item, so one bad id does not sink the rest.
struct BulkRoutes {
    let service: TresorService

    func add(to group: RouterGroup<TresorRequestContext>) {
        group.post("bulk/create") { request, context in
            let body = try await JSONBody.read(request, allowed: ["customers"])
            guard body.has("customers") else { throw Problem.invalid(FieldError(field: "customers", reason: "is required")) }
            let items = try body.objects("customers", allowed: nil, limit: TresorService.maximumBulkCreate) ?? []
            // Malformed items are reported like invalid ones, and the rest still go in.
            var drafts: [CustomerDraft] = []
            var sources: [CustomerJSON.AddressSources] = []
            var positions: [Int] = []
            var errors: [[String: Any]] = []
            var firstInvalid: (index: Int, problem: Problem)?
            for (index, item) in items.enumerated() {
                do {
                    try item.rejectUnknown(CustomerJSON.customerFields)
                    let (draft, source) = try CustomerJSON.customerDraftAndSources(item)
                    drafts.append(draft)
                    sources.append(source)
                    positions.append(index)
                } catch let problem as Problem {
                    errors.append(Self.itemError(index: index, problem: problem))
                    firstInvalid = firstInvalid ?? (index, problem)
                }
            }
            if try context.requestInfo(request).principal.compatibility == .tamio {
                try Self.refuseInvalidItems(firstInvalid, drafts: drafts, sources: sources, positions: positions, now: service.clock.seconds)
            }
            let outcomes = try await service.bulkCreateCustomers(drafts, request: context.requestInfo(request))
            var created: [String] = []
            for ((position, source), outcome) in zip(zip(positions, sources), outcomes) {
                switch outcome {
                case let .created(customer): created.append(customer.id.uuidString.lowercased())
                case let .failed(error): errors.append(Self.itemError(index: position, problem: Problem.from(source.renamed(error))))
                }
            }
            errors.sort { ($0["index"] as? Int ?? 0) < ($1["index"] as? Int ?? 0) }
            return JSONResponse.envelope(["customers": created, "errors": errors])
        }
        for path in ["bulk/remove", "bulk/delete"] {
            group.post(RouterPath(path)) { request, context in
                let body = try await JSONBody.read(request, allowed: ["customers"])
                let ids = try body.uuids("customers", limit: TresorService.maximumBulkIDs)
                return Self.response(try await service.bulkDeleteCustomers(ids: ids, request: context.requestInfo(request)))
            }
        }
        group.post("bulk/add-to-list") { request, context in
            let body = try await JSONBody.read(request, allowed: ["customers", "mailing_list"])
            let ids = try body.uuids("customers", limit: TresorService.maximumBulkIDs)
            let list = try body.requireUUID("mailing_list")
            return Self.response(try await service.addToMailingList(listID: list, customerIDs: ids, request: context.requestInfo(request)))
        }
        group.post("bulk/assign-to-teammate") { request, context in
            let body = try await JSONBody.read(request, allowed: ["customers", "teammate_id"])
            let ids = try body.uuids("customers", limit: TresorService.maximumBulkIDs)
            let teammate = try body.requireTeammateOrNull("teammate_id")
            return Self.response(try await service.assignTeammate(teammate, customerIDs: ids, request: context.requestInfo(request)))
        }
    }

    /// `customers`: the ids acted on (or already as asked); `errors`: one entry per id not found.
    static func response(_ outcomes: [BulkItemOutcome]) -> Response {
        JSONResponse.envelope(payload(outcomes))
    }

    /// The envelope's `customers` and `errors`, for bulk answers that add members of their own.
    static func payload(_ outcomes: [BulkItemOutcome]) -> [String: Any] {
        let (done, errors) = split(outcomes, resource: "customer")
        return ["customers": done, "errors": errors]
    }

    /// The ids acted on (or already as asked), and one error per id not found, naming `resource`.
    static func split(_ outcomes: [BulkItemOutcome], resource: String) -> (done: [String], errors: [[String: Any]]) {
        let done = outcomes.filter { $0.status != .notFound }.map { $0.customerID.uuidString.lowercased() }
        let errors: [[String: Any]] = outcomes.filter { $0.status == .notFound }.map {
            ["id": $0.customerID.uuidString.lowercased(), "error": "\(resource) not found", "error_code": 1002]
        }
        return (done, errors)
    }

    /// Tamio's bulk create answers a validation error for the request (400), so a key in Tamio
    /// mode gets the first invalid item as the request's error and nothing is created. A
    /// duplicate email is found only when writing, and stays an item's error in the answer.
    static func refuseInvalidItems(_ firstInvalid: (index: Int, problem: Problem)?, drafts: [CustomerDraft],
                                   sources: [CustomerJSON.AddressSources], positions: [Int], now: Int64) throws {
        if let (index, problem) = firstInvalid {
            let error = problem.fieldError ?? FieldError(field: "", reason: problem.detail)
            throw Problem.invalid(FieldError(field: "customers[\(index)]" + (error.field.isEmpty ? "" : ".\(error.field)"), reason: error.reason))
        }
        for ((draft, source), index) in zip(zip(drafts, sources), positions) {
            do {
                _ = try draft.validated(id: UUID(), now: now)
            } catch let error as FieldError {
                let named = source.renamed(error)
                throw Problem.invalid(FieldError(field: "customers[\(index)].\(named.field)", reason: named.reason))
            }
        }
    }

    static func itemError(index: Int, problem: Problem) -> [String: Any] {
        var error: [String: Any] = ["index": index, "error": problem.detail, "status": problem.status.code]
        if let code = problem.errorCode { error["error_code"] = code }
        if let param = problem.param { error["param"] = param }
        return error
    }
}
