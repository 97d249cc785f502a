import Foundation
import TresorModel

/// Tamio's free-text `filter` over a customer's name, last name, company and email, on
/// encrypted data (Docs/crypto.md, "Search tokens"): each of those values is cut into words, and
/// each word's prefixes of the ``prefixLengths`` become terms; the store keeps a truncated blind
/// index of each term, never the term. A filter's words find candidates through the index; every
/// candidate is then opened and kept only if each word of the filter begins a word of its fields.
public enum CustomerSearch {
    /// The prefix lengths indexed: a word's prefixes of these lengths (as far as it is long).
    /// A filter word is looked up by its longest indexed prefix and checked whole on the opened
    /// candidates, so fewer lengths mean fewer rows per customer and a few more candidates.
    public static let prefixLengths = [3, 5, 8, 12, 20]
    /// Terms shorter than this are not indexed (and a filter needs at least one word this long).
    public static var minimumTermLength: Int { prefixLengths[0] }
    /// Bits kept of each term's blind index: about four million values, so that at a million
    /// customers each value is shared by several customers (Docs/crypto.md explains the choice).
    public static let tokenBits = 22

    /// The words of a value: letters and digits, compatibility-normalised, lower-cased, without
    /// diacritics (`Müller` is `muller`); anything else separates words.
    public static func words(_ text: String) -> [String] {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return unicodeWords(text) }
        // ASCII (most names and every address's local part): the same steps on bytes, since
        // Foundation's folding goes through NSString on Linux and costs more than the rest.
        var words: [String] = []
        var word: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte + 0x20)
            default:
                if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
                word.removeAll(keepingCapacity: true)
            }
        }
        if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
        return words
    }

    /// ``words(_:)`` for text of any script.
    static func unicodeWords(_ text: String) -> [String] {
        let folded = text.precomposedStringWithCompatibilityMapping.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        return folded.split { !$0.isLetter && !$0.isNumber }.map { String($0).lowercased() }
    }

    /// The terms indexed for a customer's searchable fields: each word's prefixes of the
    /// ``prefixLengths`` it reaches.
    public static func terms(of fields: [String?]) -> Set<String> {
        var terms = Set<String>()
        for field in fields.compactMap({ $0 }) {
            for word in words(field) {
                for length in prefixLengths where length <= word.count {
                    terms.insert(String(word.prefix(length)))
                }
            }
        }
        return terms
    }

    /// The searchable fields of a customer, in the order ``terms(of:)`` takes them.
    public static func fields(of customer: Customer) -> [String?] {
        [customer.name, customer.lastName, customer.company, customer.email]
    }

    /// The terms a filter looks up: for each word of at least ``minimumTermLength`` characters,
    /// its longest indexed prefix.
    public static func lookupTerms(_ filter: String) throws -> [String] {
        let terms = words(filter).compactMap { word in
            prefixLengths.last { $0 <= word.count }.map { String(word.prefix($0)) }
        }
        guard !terms.isEmpty else {
            throw StoreError.invalidField(FieldError(field: "filter", reason: "needs a word of at least \(minimumTermLength) letters or digits"))
        }
        return Array(Set(terms)).sorted()
    }

    /// Whether every word of `filter` begins a word of `fields` (the check on opened candidates).
    public static func matches(_ filter: String, fields: [String?]) -> Bool {
        matches(words: words(filter), fields: fields)
    }

    /// ``matches(_:fields:)`` with the filter's ``words(_:)`` made once for many candidates.
    public static func matches(words filterWords: [String], fields: [String?]) -> Bool {
        let fieldWords = fields.compactMap { $0 }.flatMap(words)
        return filterWords.allSatisfy { word in fieldWords.contains { $0.hasPrefix(word) } }
    }
}
