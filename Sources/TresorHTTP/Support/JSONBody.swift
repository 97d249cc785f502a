import Foundation
import Hummingbird
import TresorModel

/// A JSON object from a request body, read strictly: at most 1 MiB, an object at the top,
/// no fields the endpoint does not know, and every value of the type it must have. Each
/// failure is a ``Problem`` naming the field.
struct JSONBody {
    static let maximumBytes = 1_048_576

    let fields: [String: JSONValue]
    /// The JSON path of this object (`billing_information` for a nested one).
    let path: String

    /// Reads and parses the request body, refusing unknown fields.
    static func read(_ request: Request, allowed: Set<String>) async throws -> JSONBody {
        try checkContentType(request)
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maximumBytes)
        } catch {
            throw Problem(status: .contentTooLarge, title: "Request body too large",
                          detail: "the request body must be at most \(maximumBytes) bytes", param: "body")
        }
        let parsed: JSONValue
        let bytes = Data(buffer: buffer)
        do {
            parsed = try JSONDecoder().decode(JSONValue.self, from: bytes)
        } catch {
            throw Problem(status: .badRequest, title: "Malformed JSON", detail: "the request body is not valid JSON", errorCode: 400, param: "body")
        }
        if let key = JSONDuplicateKeys.first(in: bytes) {
            throw Problem(status: .badRequest, title: "Duplicate key", detail: "the request body gives the key \"\(key.prefix(64))\" twice in one object",
                          errorCode: 400, param: "body")
        }
        guard case let .object(object) = parsed else {
            throw Problem.invalid(FieldError(field: "body", reason: "must be a JSON object"))
        }
        let body = JSONBody(fields: object, path: "")
        try body.rejectUnknown(allowed)
        return body
    }

    /// A body sent as anything but JSON (`text/plain`, a form) is refused with 415; a request
    /// without a `Content-Type` is read as JSON.
    static func checkContentType(_ request: Request) throws {
        guard let value = request.headers[.contentType] else { return }
        let mediaType = value.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard mediaType == "application/json" || mediaType.hasSuffix("+json") else {
            throw Problem(status: .unsupportedMediaType, title: "Unsupported media type",
                          detail: "the request body must be JSON, sent with Content-Type: application/json", errorCode: 415, param: "Content-Type")
        }
    }

    func rejectUnknown(_ allowed: Set<String>) throws {
        for key in fields.keys.sorted() where !allowed.contains(key) {
            throw Problem.invalid(FieldError(field: name(key), reason: "is not a known field"))
        }
    }

    func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private func isNull(_ key: String) -> Bool { fields[key] == nil || fields[key] == .null }

    func string(_ key: String) throws -> String? {
        guard !isNull(key) else { return nil }
        guard case let .string(value) = fields[key] else {
            throw Problem.invalid(FieldError(field: name(key), reason: "must be a string"))
        }
        return value
    }

    func bool(_ key: String) throws -> Bool? {
        guard !isNull(key) else { return nil }
        guard case let .bool(value) = fields[key] else {
            throw Problem.invalid(FieldError(field: name(key), reason: "must be true or false"))
        }
        return value
    }

    func uuid(_ key: String) throws -> UUID? {
        guard let text = try string(key) else { return nil }
        guard let id = UUID(uuidString: text) else { throw Problem.invalid(FieldError(field: name(key), reason: "must be a UUID")) }
        return id
    }

    /// True when the key is present with an explicit `null`.
    func isExplicitNull(_ key: String) -> Bool { fields[key] == .null }

    func has(_ key: String) -> Bool { fields[key] != nil }

    func object(_ key: String, allowed: Set<String>) throws -> JSONBody? {
        guard !isNull(key) else { return nil }
        guard case let .object(object) = fields[key] else { throw Problem.invalid(FieldError(field: name(key), reason: "must be an object")) }
        let nested = JSONBody(fields: object, path: name(key))
        try nested.rejectUnknown(allowed)
        return nested
    }

    /// The objects of an array; with `allowed`, unknown fields in any of them are refused here,
    /// without it each caller checks its items (bulk create reports them per item).
    func objects(_ key: String, allowed: Set<String>?, limit: Int) throws -> [JSONBody]? {
        guard !isNull(key) else { return nil }
        guard case let .array(array) = fields[key] else { throw Problem.invalid(FieldError(field: name(key), reason: "must be an array")) }
        guard array.count <= limit else { throw Problem.invalid(FieldError(field: name(key), reason: "may hold at most \(limit) items")) }
        return try array.enumerated().map { index, element in
            guard case let .object(object) = element else {
                throw Problem.invalid(FieldError(field: "\(name(key))[\(index)]", reason: "must be an object"))
            }
            let nested = JSONBody(fields: object, path: "\(name(key))[\(index)]")
            if let allowed { try nested.rejectUnknown(allowed) }
            return nested
        }
    }

    func uuids(_ key: String, limit: Int) throws -> [UUID] {
        guard !isNull(key) else { throw Problem.invalid(FieldError(field: name(key), reason: "is required: an array of customer ids")) }
        guard case let .array(array) = fields[key] else { throw Problem.invalid(FieldError(field: name(key), reason: "must be an array of UUIDs")) }
        guard array.count <= limit else { throw Problem.invalid(FieldError(field: name(key), reason: "may hold at most \(limit) items")) }
        return try array.enumerated().map { index, element in
            guard case let .string(text) = element, let id = UUID(uuidString: text) else {
                throw Problem.invalid(FieldError(field: "\(name(key))[\(index)]", reason: "must be a UUID"))
            }
            return id
        }
    }

    /// ``uuids(_:limit:)`` for a field that may be left out (nil then).
    func optionalUUIDs(_ key: String, limit: Int) throws -> [UUID]? {
        isNull(key) ? nil : try uuids(key, limit: limit)
    }

    func strings(_ key: String, limit: Int) throws -> [String]? {
        guard !isNull(key) else { return nil }
        guard case let .array(array) = fields[key] else { throw Problem.invalid(FieldError(field: name(key), reason: "must be an array of strings")) }
        guard array.count <= limit else { throw Problem.invalid(FieldError(field: name(key), reason: "may hold at most \(limit) items")) }
        return try array.enumerated().map { index, element in
            guard case let .string(text) = element else { throw Problem.invalid(FieldError(field: "\(name(key))[\(index)]", reason: "must be a string")) }
            return text
        }
    }

    func stringMap(_ key: String) throws -> [String: String]? {
        guard !isNull(key) else { return nil }
        guard case let .object(object) = fields[key] else { throw Problem.invalid(FieldError(field: name(key), reason: "must be an object of strings")) }
        var map: [String: String] = [:]
        for (entryKey, value) in object {
            guard case let .string(text) = value else { throw Problem.invalid(FieldError(field: "\(name(key)).\(entryKey)", reason: "must be a string")) }
            map[entryKey] = text
        }
        return map
    }

    func requireUUID(_ key: String) throws -> UUID {
        guard let id = try uuid(key) else { throw Problem.invalid(FieldError(field: name(key), reason: "is required")) }
        return id
    }

    /// A teammate to assign, or nil to unassign: the key must be present, a UUID or `null`
    /// (Tamio marks `teammate_id` required even though null is allowed).
    func requireTeammateOrNull(_ key: String) throws -> UUID? {
        guard has(key) else { throw Problem.invalid(FieldError(field: name(key), reason: "is required: a teammate id, or null to unassign")) }
        return try uuid(key)
    }
}
