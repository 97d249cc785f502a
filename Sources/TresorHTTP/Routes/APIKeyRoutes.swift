import Foundation
import Hummingbird
import TresorModel
import TresorService
import TresorStore

/// `/v2/api-keys` (scope `keys.manage`): create (the secret shown once), list, revoke.
struct APIKeyRoutes {
    let service: TresorService

    func add(to group: RouterGroup<TresorRequestContext>) {
        group.post { request, context in
            let body = try await JSONBody.read(request, allowed: ["name", "role", "customers", "assigned_to", "compat"])
            let customers = try body.optionalUUIDs("customers", limit: TresorService.maximumBulkIDs)
            var draft = APIKeyDraft(name: try body.string("name"), role: try body.string("role"), customers: customers,
                                    assignedTo: try body.uuid("assigned_to"))
            draft.compatibility = try body.string("compat").map { text in
                guard let mode = APICompatibility(rawValue: text) else {
                    throw Problem.invalid(FieldError(field: "compat", reason: "must be one of \(APICompatibility.allCases.map(\.rawValue).joined(separator: ", "))"))
                }
                return mode
            }
            let (key, secret) = try await service.createAPIKey(draft, request: context.requestInfo(request))
            var json = Self.json(key)
            json["secret"] = secret
            return JSONResponse.envelope(["api_key": json])
        }
        group.get { request, context in
            JSONResponse.list(try await service.apiKeys(request: context.requestInfo(request)).map(Self.json))
        }
        group.delete(":id") { request, context in
            guard let id = context.parameters.get("id"), id.hasPrefix("key_"), id.count <= 64 else {
                throw Problem.invalid(FieldError(field: "id", reason: "must be an API key id (key_…)"))
            }
            let key = try await service.revokeAPIKey(id: id, request: context.requestInfo(request))
            return JSONResponse.envelope(["api_key": Self.json(key)])
        }
    }

    static func json(_ key: APIKeyRecord) -> [String: Any] {
        var reach: [String: Any]
        switch key.reach {
        case .all: reach = ["type": "all"]
        case let .customers(ids): reach = ["type": "customers", "customers": ids.sorted()]
        case let .assignedTo(teammate): reach = ["type": "assigned_to", "teammate_id": teammate]
        }
        return [
            "id": key.id, "object": "api_key", "prefix": key.visiblePrefix, "name": key.name, "role": key.roleName, "reach": reach,
            "compat": key.compatibility.rawValue,
            "created_at": key.createdAt, "revoked_at": key.revokedAt ?? NSNull(),
        ]
    }
}
