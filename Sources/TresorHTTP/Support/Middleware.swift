import Foundation
import HTTPTypes
import Hummingbird
import TresorCompliance
import TresorModel
import TresorService
import TresorStore

/// Gives every response a `request-id` header and turns every error into problem details. A
/// request no route takes is told which: 405 with `Allow` when the path exists for other methods,
/// else 404 saying there is no such endpoint. A request made with a key in Tamio compatibility
/// mode gets its client errors as Tamio answers them (``Problem/tamioResponse()``).
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = TresorRequestContext
    let routes: RouteMethodsBox
    /// Where the caller's key is found again, to learn its compatibility mode: the error may come
    /// before authentication ran (an unknown path) or from it, so the context cannot tell.
    let apiKeys: APIKeyStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let problem = Self.unrouted(request, methods: routes.methods.methods(for: request.uri.path))
            response = await render(problem, request, context)
        } catch {
            let problem = Problem.from(error)
            if let fault = error as? StorageFault {
                context.logger.warning("storage fault", metadata: ["request_id": .string(context.requestID), "kind": .string(fault.kind.rawValue)])
            } else if problem.status == .internalServerError {
                context.logger.error("request failed", metadata: ["request_id": .string(context.requestID), "error_type": .string("\(type(of: error))")])
            }
            response = await render(problem, request, context)
        }
        response.headers[.requestID] = context.requestID
        return response
    }

    /// The problem in the shape the caller's key asked for: Tamio's for a key in Tamio
    /// compatibility mode (client errors only), problem details otherwise.
    private func render(_ problem: Problem, _ request: Request, _ context: Context) async -> Response {
        if problem.becomesBadRequestForTamio, await compatibility(of: request) == .tamio {
            return problem.tamioResponse()
        }
        return problem.response(requestID: context.requestID, path: request.uri.path)
    }

    /// The compatibility mode of the request's key; standard without a valid key (or when the
    /// store cannot say: the error is answered either way).
    private func compatibility(of request: Request) async -> APICompatibility {
        guard let secret = AuthenticationMiddleware.bearerSecret(request) else { return .standard }
        return (try? await apiKeys.authenticate(secret: secret))?.compatibility ?? .standard
    }
}

extension ProblemMiddleware {
    /// The problem for a request no route took.
    static func unrouted(_ request: Request, methods: [String]) -> Problem {
        guard !methods.isEmpty else {
            return Problem(status: .notFound, title: "No such endpoint",
                           detail: "there is no endpoint \(request.method.rawValue) \(request.uri.path); see /openapi.yaml", errorCode: 404)
        }
        var problem = Problem(status: .methodNotAllowed, title: "Method not allowed",
                              detail: "\(request.uri.path) answers \(methods.joined(separator: ", ")), not \(request.method.rawValue)", errorCode: 405)
        problem.headers[.allow] = methods.joined(separator: ", ")
        return problem
    }
}

/// Authenticates `Authorization: Bearer tk_…` against the API keys; the role comes from
/// `policies/roles.yaml`. A missing, unknown or revoked key is a 401 with `WWW-Authenticate`,
/// counted and logged (the key's visible prefix only); a client with too many failures gets 429
/// and `Retry-After` instead, unlogged, for the rest of the window. A valid key is never refused
/// for its address's failures, so clients behind one proxy do not lock each other out. The
/// `tresor-purpose` header, when given, must name a purpose of `policies/processing.yaml`.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = TresorRequestContext
    let apiKeys: APIKeyStore
    let roles: RolesPolicy
    /// The purpose ids of processing.yaml.
    let purposes: Set<String>
    let failures: AuthenticationFailures

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let record = try await authenticate(request) else {
            let client = context.clientAddress
            if let seconds = failures.retryAfter(client: client) {
                var problem = Problem(status: .tooManyRequests, title: "Too many failed authentications",
                                      detail: "too many requests with an invalid API key from this client; try again in \(seconds) s", errorCode: 429)
                problem.headers[.retryAfter] = String(seconds)
                throw problem
            }
            failures.record(client: client)
            context.logger.notice("authentication failed", metadata: [
                "request_id": .string(context.requestID), "client": .string(client), "key_prefix": .string(Self.visiblePrefix(request)),
            ])
            throw Problem.unauthorized("invalid or missing Bearer token")
        }
        guard let role = roles.role(named: record.roleName) else {
            throw Problem(status: .forbidden, title: "Forbidden", detail: "this API key's role '\(record.roleName)' is not in roles.yaml", errorCode: 403)
        }
        var context = context
        context.principal = Principal(id: record.id, name: record.name, role: role, reach: record.reach, compatibility: record.compatibility)
        if let purpose = request.headers[.tresorPurpose] {
            guard purposes.contains(purpose) else {
                throw Problem.invalid(FieldError(field: "tresor-purpose", reason: "must be a purpose of processing.yaml: \(purposes.sorted().joined(separator: ", "))"))
            }
            guard role.mayUse(purpose: purpose) else {
                let allowed = ([role.defaultPurpose] + (role.allowedPurposes ?? []).sorted()).joined(separator: ", ")
                throw Problem.invalid(FieldError(field: "tresor-purpose", reason: "is not a purpose role \(role.name) may use (roles.yaml purposes): \(allowed)"))
            }
            context.purpose = purpose
        }
        return try await next(request, context)
    }

    private func authenticate(_ request: Request) async throws -> APIKeyRecord? {
        guard let secret = Self.bearerSecret(request) else { return nil }
        return try await apiKeys.authenticate(secret: secret)
    }

    /// The secret of an `Authorization: Bearer …` header, or nil without one. The scheme is
    /// case-insensitive (RFC 9110 §11.1): `bearer tk_…` works too.
    static func bearerSecret(_ request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }

    /// What may be logged of the key a failed request sent: the prefix a key's owner sees in
    /// `tresor keys list` (`tk_` and four characters), never more.
    static func visiblePrefix(_ request: Request) -> String {
        guard let secret = bearerSecret(request) else { return "none" }
        guard secret.hasPrefix("tk_"), secret.count >= 7 else { return "malformed" }
        return String(secret.prefix(7))
    }
}

extension TresorRequestContext {
    /// The caller and purpose of an authenticated request (`tresor-purpose` header, else the role's).
    func requestInfo(_ request: Request) throws -> RequestInfo {
        guard let principal else { throw Problem.unauthorized("invalid or missing Bearer token") }
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
    /// The fields an answer withheld for want of a stated purpose.
    static let tresorWithheld = HTTPField.Name("tresor-withheld")!
}
