import Foundation
import HTTPTypes
import Testing

/// The replayed examples of Fixtures/tamio-examples.json, and how their placeholders are filled.
struct TamioExamples: @unchecked Sendable {
    struct Example: @unchecked Sendable {
        var name: String
        var method: HTTPRequest.Method
        var path: String
        var body: Any?
        var reads: [String]
        var error: Failure?
    }

    /// A documented failure of an example's endpoint.
    struct Failure: @unchecked Sendable {
        var path: String?
        var body: Any?
        /// What Tresor answers by default (200 for a bulk request answered per item).
        var status: Int
        var errorCode: Int
        var then: Then?
    }

    /// What a failed request must have left: `field` of the answer to GET `path`.
    struct Then: @unchecked Sendable {
        var path: String
        var field: String
        var standard: Any
        var tamio: Any
    }

    /// Ids by placeholder name (`{customer}` is `values["customer"]`).
    struct IDs: Sendable {
        var values: [String: String?] = [:]

        func filled(_ text: String) -> String {
            var text = text
            for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value ?? "") }
            return text
        }

        /// A JSON value with every whole-string placeholder replaced.
        func filled(_ value: Any) -> Any {
            switch value {
            case let text as String: return filled(text)
            case let array as [Any]: return array.map(filled)
            case let object as [String: Any]: return object.mapValues(filled)
            default: return value
            }
        }
    }

    var examples: [Example]
    var outOfScope: [Example]

    static func load() throws -> TamioExamples {
        let url = try #require(Bundle.module.url(forResource: "tamio-examples", withExtension: "json", subdirectory: "Fixtures"))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        return TamioExamples(examples: try (root["examples"] as? [[String: Any]] ?? []).map(example),
                             outOfScope: try (root["out_of_scope"] as? [[String: Any]] ?? []).map(example))
    }

    private static func example(_ object: [String: Any]) throws -> Example {
        let failure = (object["error"] as? [String: Any]).map { error in
            Failure(path: error["path"] as? String, body: error["body"], status: error["status"] as? Int ?? 0, errorCode: error["error_code"] as? Int ?? 0,
                    then: (error["then"] as? [String: Any]).map {
                        Then(path: $0["path"] as? String ?? "", field: $0["field"] as? String ?? "", standard: $0["standard"] ?? NSNull(),
                             tamio: $0["tamio"] ?? NSNull())
                    })
        }
        return Example(name: object["name"] as? String ?? "", method: HTTPRequest.Method(object["method"] as? String ?? "GET")!,
                       path: object["path"] as? String ?? "", body: object["body"], reads: object["reads"] as? [String] ?? [], error: failure)
    }

    /// The value at a dotted path (`customer.billing_addresses[0].vat`); nil when a member is
    /// missing (JSON null is a value: Tamio has null fields).
    static func value(at path: String, in object: Any) -> Any? {
        var current: Any? = object
        for part in path.split(separator: ".") {
            var name = Substring(part)
            var index: Int?
            if name.hasSuffix("]"), let open = name.firstIndex(of: "[") {
                index = Int(name[name.index(after: open)..<name.index(before: name.endIndex)])
                name = name[..<open]
            }
            current = (current as? [String: Any])?[String(name)]
            if let index {
                guard let array = current as? [Any], array.indices.contains(index) else { return nil }
                current = array[index]
            }
        }
        return current
    }
}
