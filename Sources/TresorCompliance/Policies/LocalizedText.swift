import Yams

/// A text of a policy file in several languages: `{ en: …, de: … }`, or one plain text for all.
/// English is required; another language falls back to it.
public struct LocalizedText: Sendable, Equatable {
    public let texts: [String: String]

    public init(_ texts: [String: String]) {
        self.texts = texts
    }

    /// The text in `language` (`en`, `de`, …), else English.
    public func text(_ language: String) -> String {
        texts[language] ?? texts["en"] ?? ""
    }
}

extension PolicyDocument {
    /// A plain text, or a mapping of language codes to texts that includes `en`.
    func localized(_ node: Node?, field: String) throws -> LocalizedText {
        if let node, case .scalar = node { return LocalizedText(["en": try string(node, field: field)]) }
        let mapping = try self.mapping(node, field: field)
        var texts: [String: String] = [:]
        for (key, value) in mapping {
            guard let language = key.string, language.count == 2, language.allSatisfy({ $0.isLowercase && $0.isASCII }) else {
                throw error(key, field: field, "keys must be two-letter language codes such as en or de")
            }
            texts[language] = try string(value, field: "\(field).\(language)")
        }
        guard texts["en"] != nil else { throw error(node, field: field, "needs an English text (en)") }
        return LocalizedText(texts)
    }
}
