import Foundation
import TresorModel

/// Tamio's customer create body outside HTTP, read by exactly the rules of
/// `POST /v2/customers/create`: what `tresor customers import` reads from JSON Lines.
public enum CustomerCreateBody {
    /// Parses one create body. Throws ``FieldError`` naming the field (`body` when the text is not
    /// a JSON object).
    public static func draft(from data: Data) throws -> CustomerDraft {
        try parse(data).draft
    }

    /// A parsed body: the draft, and how to name a field error of it as the body sent it.
    public struct Parsed: Sendable {
        public let draft: CustomerDraft
        let sources: CustomerJSON.AddressSources

        /// `error` with its field named as the body sent it (`billing_information.vat` for an
        /// error the store reports on `billing_addresses[0].vat`).
        public func named(_ error: FieldError) -> FieldError { sources.renamed(error) }
    }

    /// Parses one create body, keeping where its addresses came from. Throws like ``draft(from:)``.
    public static func parse(_ data: Data) throws -> Parsed {
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
            let (draft, sources) = try CustomerJSON.customerDraftAndSources(body)
            return Parsed(draft: draft, sources: sources)
        } catch let problem as Problem {
            throw problem.fieldError ?? FieldError(field: problem.param ?? "body", reason: problem.detail)
        }
    }
}
