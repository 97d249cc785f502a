import Foundation
import TresorModel

/// Tamio's customer create body outside HTTP, read by exactly the rules of
/// `POST /v2/customers/create`: what `tresor customers import` reads from JSON Lines.
public enum CustomerCreateBody {
    /// Parses one create body. Throws ``FieldError`` naming the field (`body` when the text is not
    /// a JSON object).
    public static func draft(from data: Data) throws -> CustomerDraft {
        let parsed: JSONValue
        do {
            parsed = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw FieldError(field: "body", reason: "is not valid JSON")
        }
        guard case let .object(object) = parsed else { throw FieldError(field: "body", reason: "must be a JSON object") }
        do {
            let body = JSONBody(fields: object, path: "")
            try body.rejectUnknown(CustomerJSON.customerFields)
            return try CustomerJSON.customerDraft(body)
        } catch let problem as Problem {
            throw problem.fieldError ?? FieldError(field: problem.param ?? "body", reason: problem.detail)
        }
    }
}
