import Foundation
import HTTPTypes
import Hummingbird
import TresorCompliance
import TresorModel
import TresorService
import TresorStore

/// Gives every response a `request-id` header and turns every error into problem details.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = TresorRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            let problem = Problem.from(error)
            if problem.status == .internalServerError {
                context.logger.error("request failed", metadata: ["request_id": .string(context.requestID), "error_type": .string("\(type(of: error))")])
            }
            response = problem.response(requestID: context.requestID, path: request.uri.path)
        }
        response.headers[.requestID] = context.requestID
        return response
    }
}

/// Authenticates `Authorization: Bearer tk_…` against the API keys; the role comes from
/// `policies/roles.yaml`. A missing, unknown or revoked key is a 401 with `WWW-Authenticate`.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = TresorRequestContext
    let apiKeys: APIKeyStore
    let roles: RolesPolicy

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
            throw Problem.unauthorized("invalid or missing Bearer token")
        }
        let secret = header.dropFirst("Bearer ".count).trimmingCharacters(in: .whitespaces)
        guard let record = try await apiKeys.authenticate(secret: secret) else {
            throw Problem.unauthorized("invalid or missing Bearer token")
        }
        guard let role = roles.role(named: record.roleName) else {
            throw Problem(status: .forbidden, title: "Forbidden", detail: "this API key's role '\(record.roleName)' is not in roles.yaml", errorCode: 403)
        }
        var context = context
        context.principal = Principal(id: record.id, name: record.name, role: role, reach: record.reach)
        return try await next(request, context)
    }
}

extension TresorRequestContext {
    /// The caller and purpose of an authenticated request (`tresor-purpose` header, else the role's).
    func requestInfo(_ request: Request) throws -> RequestInfo {
        guard let principal else { throw Problem.unauthorized("invalid or missing Bearer token") }
        let purpose = request.headers[.tresorPurpose].flatMap { $0.isEmpty ? nil : String($0.prefix(64)) }
        return RequestInfo(principal: principal, requestID: requestID, purpose: purpose)
    }

    /// A UUID path parameter; a malformed one is a 422 naming it.
    func uuidParameter(_ name: String) throws -> UUID {
        guard let text = parameters.get(name), let id = UUID(uuidString: text) else {
            throw Problem.invalid(FieldError(field: name, reason: "must be a UUID"))
        }
        return id
    }
}

extension HTTPField.Name {
    /// Every response carries the id of its request.
    static let requestID = HTTPField.Name("request-id")!
    /// Why the caller accesses the data; recorded with the access.
    static let tresorPurpose = HTTPField.Name("tresor-purpose")!
}
