import Foundation
import Hummingbird
import TresorModel
import TresorService
import TresorStore

/// An RFC 9457 problem (`application/problem+json`) carrying Tamio's `status`, `error` and
/// `error_code` members, so Tamio clients keep working. Details name fields and ids, never
/// personal data.
public struct Problem: Error, Sendable {
    public var status: HTTPResponse.Status
    public var title: String
    public var detail: String
    public var errorCode: Int?
    /// The request field at fault, as a JSON path.
    public var param: String?
    public var headers: HTTPFields = [:]
    /// The field error this problem reports, when it was made from one (``invalid(_:)``).
    var fieldError: FieldError?

    public init(status: HTTPResponse.Status, title: String, detail: String, errorCode: Int? = nil, param: String? = nil) {
        self.status = status
        self.title = title
        self.detail = detail
        self.errorCode = errorCode
        self.param = param
    }

    static func invalid(_ error: FieldError) -> Problem {
        var problem = Problem(status: .unprocessableContent, title: "Invalid request", detail: error.description, errorCode: 422, param: error.field)
        problem.fieldError = error
        return problem
    }

    static func unauthorized(_ detail: String) -> Problem {
        var problem = Problem(status: .unauthorized, title: "Unauthorized", detail: detail)
        problem.headers[.wwwAuthenticate] = "Bearer realm=\"tresor\""
        return problem
    }

    static func notFound(_ detail: String) -> Problem {
        Problem(status: .notFound, title: "Not found", detail: detail, errorCode: 1002)
    }

    /// The problem for any error an operation may throw; unexpected ones become a 500 whose
    /// detail says nothing about their content.
    static func from(_ error: any Error) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let fault as StorageFault:
            var problem = Problem(status: .serviceUnavailable, title: "Storage unavailable",
                                  detail: "the store cannot complete requests at the moment; nothing of this request was kept; try again later",
                                  errorCode: 503)
            problem.headers[.retryAfter] = String(fault.retryAfterSeconds)
            return problem
        case let error as StoreError:
            switch error {
            case .notFound: return notFound(error.description)
            case .emailAlreadyExists, .emailAlreadyUsed:
                return Problem(status: .conflict, title: "Email already in use", detail: error.description, errorCode: error.tamioCode, param: "email")
            case let .invalidField(field): return invalid(field)
            case .tooManyRowsToSort: return Problem(status: .unprocessableContent, title: "Too many rows to sort", detail: error.description, param: "sort_by")
            case .unreadable:
                return Problem(status: .internalServerError, title: "Stored data cannot be read", detail: "the record failed its integrity check")
            case .unreadableValue:
                return Problem(status: .internalServerError, title: "Stored data cannot be read", detail: "a stored value does not decode; the operator's log names it")
            case .damagedAccessLog: return Problem(status: .internalServerError, title: "Access log damaged", detail: error.description)
            case .notInitialised, .damagedLedger, .ledgerNotReplayed, .ledgerMismatch, .invalidBackup:
                return Problem(status: .internalServerError, title: "Internal error", detail: "the request could not be completed")
            }
        case let error as ServiceError:
            switch error {
            case .missingScope, .narrowedKeyScope, .beyondOwnScopes:
                return Problem(status: .forbidden, title: "Forbidden", detail: error.description, errorCode: 403)
            case .wrongPurpose:
                return Problem(status: .forbidden, title: "Purpose not allowed", detail: error.description, errorCode: 403, param: "tresor-purpose")
            case let .tooManyItems(field, _):
                return Problem(status: .unprocessableContent, title: "Too many items", detail: error.description, errorCode: 422, param: field)
            case .transferRefused:
                return Problem(status: .unprocessableContent, title: "Transfer not allowed", detail: error.description, errorCode: 422, param: "country")
            case .invalidSignature:
                return Problem(status: .badRequest, title: "Invalid signature", detail: error.description, errorCode: 400)
            case .invalidTransition:
                return Problem(status: .conflict, title: "Not allowed in this state", detail: error.description, errorCode: 409)
            case .noSubjectFound:
                return Problem(status: .notFound, title: "No subject found", detail: error.description, errorCode: 1002, param: "email")
            case .exportNotConfigured:
                return Problem(status: .serviceUnavailable, title: "Exports not available", detail: error.description, errorCode: 503)
            case .emailNotConfigured:
                return Problem(status: .serviceUnavailable, title: "Email not configured", detail: error.description, errorCode: 503)
            }
        case let error as FieldError:
            return invalid(error)
        case let error as any HTTPResponseError where error.status.code < 500:
            // Hummingbird's own refusals: no such route, method not allowed, and the like.
            return Problem(status: error.status, title: error.status.reasonPhrase,
                           detail: error.status == .notFound ? "no such endpoint" : error.status.reasonPhrase.lowercased(),
                           errorCode: error.status == .notFound ? 1002 : error.status.code)
        default:
            return Problem(status: .internalServerError, title: "Internal error", detail: "the request could not be completed")
        }
    }

    /// The RFC 6901 JSON Pointer of a field path: `billing_addresses[0].vat` is
    /// `/billing_addresses/0/vat`; `~` and `/` inside a name are escaped as `~0` and `~1`.
    static func jsonPointer(_ field: String) -> String {
        var segments: [String] = []
        for part in field.split(separator: ".", omittingEmptySubsequences: false) {
            var name = Substring(part)
            var indexes: [Substring] = []
            while name.hasSuffix("]"), let open = name.lastIndex(of: "["), name.index(after: open) < name.index(before: name.endIndex),
                  name[name.index(after: open)..<name.index(before: name.endIndex)].allSatisfy(\.isNumber) {
                indexes.insert(name[name.index(after: open)..<name.index(before: name.endIndex)], at: 0)
                name = name[..<open]
            }
            segments.append(name.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1"))
            segments += indexes.map(String.init)
        }
        return "/" + segments.joined(separator: "/")
    }

    func response(requestID: String, path: String) -> Response {
        var body: [String: Any] = [
            "type": "about:blank", "title": title, "status": status.code, "detail": detail, "instance": path,
            "error": detail, "request_id": requestID,
        ]
        if let errorCode { body["error_code"] = errorCode }
        if let param {
            body["param"] = param
            body["errors"] = [["pointer": Self.jsonPointer(param), "detail": detail]]
        }
        var headers = self.headers
        headers[.contentType] = "application/problem+json"
        return JSONResponse.make(body, status: status, headers: headers)
    }
}
