import Foundation
import Testing
@testable import TresorStore

/// The terms of the `filter` search (backend-neutral, ``CustomerSearch``).
@Suite("Customer search terms")
struct CustomerSearchTests {
    @Test("words: letters and digits, lower-cased, without diacritics or compatibility forms; everything else separates")
    func words() {
        #expect(CustomerSearch.words("Schmidt-Müller, Jürgen") == ["schmidt", "muller", "jurgen"])
        #expect(CustomerSearch.words("ＡＢＣ Straße 12b") == ["abc", "strasse", "12b"], "ß folds to ss, so either spelling finds it")
        #expect(CustomerSearch.words("a.schmidt+news@Hoffmann.example") == ["a", "schmidt", "news", "hoffmann", "example"])
    }

    @Test("ASCII text gives the same words on bytes as through the Unicode steps")
    func asciiPathAgrees() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aZk09 .-_@+'\"\t\n!~/".unicodeScalars)
        for _ in 0..<20_000 {
            let text = String(String.UnicodeScalarView((0..<Int.random(in: 0...16, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator)!
            }))
            #expect(CustomerSearch.words(text) == CustomerSearch.unicodeWords(text), "\(Array(text.utf8))")
        }
    }

    @Test("terms: each word's prefixes of 3, 5, 8, 12 and 20 characters; a filter word looks up its longest")
    func terms() throws {
        #expect(CustomerSearch.terms(of: ["Ann", "de", nil]) == ["ann"])
        #expect(CustomerSearch.terms(of: ["Schmidt"]) == ["sch", "schmi"])
        let long = String(repeating: "x", count: 25)
        #expect(CustomerSearch.terms(of: [long]).map(\.count).sorted() == [3, 5, 8, 12, 20])
        #expect(try CustomerSearch.lookupTerms("ab Schmidtke x") == ["schmidtk"])
        #expect(try CustomerSearch.lookupTerms("Schmi Hof") == ["hof", "schmi"])
        #expect(try CustomerSearch.lookupTerms(String(repeating: "y", count: 30)) == [String(repeating: "y", count: 20)])
    }
}
