import Foundation
import HTTPTypes
import Hummingbird
import TresorCrypto
import TresorModel
import TresorStore

/// `Idempotency-Key` on POST (Stripe's semantics, draft-ietf-httpapi-idempotency-key-header):
/// the first response for a key is stored (sealed) for 24 hours and replayed verbatim for the
/// same key, API key and endpoint; the same key with a different body is 422
/// (`idempotency_key_reused`; bodies are compared as canonical JSON); while the first request still runs, 409. Server errors are not
/// stored, so the client may retry.
struct IdempotencyMiddleware: RouterMiddleware {
    typealias Context = TresorRequestContext
    let store: IdempotencyStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post, let key = request.headers[.idempotencyKey], let principal = context.principal else {
            return try await next(request, context)
        }
        guard (1...255).contains(key.count) else {
            throw Problem.invalid(FieldError(field: "Idempotency-Key", reason: "must be 1 to 255 characters"))
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: JSONBody.maximumBytes)
        } catch {
            throw Problem(status: .contentTooLarge, title: "Request body too large",
                          detail: "the request body must be at most \(JSONBody.maximumBytes) bytes", param: "body")
        }
        request.body = RequestBody(buffer: body)
        let scope = IdempotencyStore.Scope(apiKeyID: principal.id, method: request.method.rawValue,
                                           path: Self.endpoint(context, fallback: request.uri.path), key: key)
        // Compare what the body means, not how it was spelled: canonical JSON when it parses.
        let bytes = Data(buffer: body)
        let canonical = (try? JSONDecoder().decode(JSONValue.self, from: bytes)).map { Data($0.canonical.utf8) } ?? bytes
        let requestHash = try SHA256.hash(Array(canonical))

        switch try await store.claim(scope, requestHash: requestHash) {
        case let .replay(status, stored):
            let contentType = status >= 400 ? "application/problem+json" : "application/json"
            return Response(status: .init(code: status), headers: [.contentType: contentType, .idempotentReplayed: "true"],
                            body: .init(byteBuffer: ByteBuffer(data: stored)))
        case .inProgress:
            throw Problem(status: .conflict, title: "Request in progress",
                          detail: "a request with this Idempotency-Key is still being processed", errorCode: 409, param: "Idempotency-Key")
        case .mismatch:
            throw Problem(status: .unprocessableContent, title: "Idempotency key reused",
                          detail: "idempotency_key_reused: this Idempotency-Key was used with a different request", errorCode: 422,
                          param: "Idempotency-Key")
        case .claimed:
            break
        }

        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            let problem = Problem.from(error)
            if problem.status.code >= 500 {
                try? await store.release(scope)
                throw error
            }
            let rendered = problem.response(requestID: context.requestID, path: request.uri.path)
            return try await remember(rendered, scope: scope)
        }
        // Only JSON answers are kept for replay: a server error may be retried, and a file (an
        // export's ZIP of personal data) is neither replayable as JSON nor worth keeping.
        guard response.status.code < 500, response.headers[.contentType]?.hasPrefix("application/json") == true else {
            try? await store.release(scope)
            return response
        }
        return try await remember(response, scope: scope)
    }

    /// The endpoint a request reached, as the key's scope: the router's pattern with each
    /// parameter filled in (UUIDs in their lower-case form), so that spellings of one path that
    /// reach the same endpoint (`/x/ID/`, `//v2/x/ID`, an upper-case id) share their keys.
    static func endpoint(_ context: Context, fallback: String) -> String {
        guard var path = context.endpointPath else { return fallback }
        for (name, value) in context.parameters {
            let text = UUID(uuidString: String(value))?.lowercaseText ?? String(value)
            path = path.replacingOccurrences(of: "{\(name)}", with: text)
        }
        return path
    }

    /// Stores `response` for replay and returns an equivalent one (its body can be read once).
    private func remember(_ response: Response, scope: IdempotencyStore.Scope) async throws -> Response {
        let collector = ByteCollector()
        try await response.body.write(CollectingWriter(collector: collector))
        let bytes = collector.data
        let subjects = Self.uuids(in: bytes)
        try await store.complete(scope, status: response.status.code, body: bytes, subjects: subjects)
        var replayable = response
        replayable.body = .init(byteBuffer: ByteBuffer(data: bytes))
        return replayable
    }

    /// Every UUID in the body: the subjects whose erasure must also erase this stored response.
    static func uuids(in body: Data) -> [String] {
        let text = String(decoding: body, as: UTF8.self)
        let pattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/
        return Array(Set(text.matches(of: pattern).map { String($0.output) }))
    }
}

private final class ByteCollector: @unchecked Sendable {
    // Written by one writer, then read once it has finished.
    var data = Data()
}

private struct CollectingWriter: ResponseBodyWriter {
    let collector: ByteCollector

    mutating func write(_ buffer: ByteBuffer) async throws {
        collector.data.append(contentsOf: buffer.readableBytesView)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

extension HTTPField.Name {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    static let idempotentReplayed = HTTPField.Name("Idempotent-Replayed")!
}
