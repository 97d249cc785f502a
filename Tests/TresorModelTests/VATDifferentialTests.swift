import Foundation
import Testing
import TresorModel
import TresorTestSupport

/// The Swift rules against python-stdnum, the most complete open implementation, on thousands of
/// generated numbers (valid ones, near misses, separators, lower case).
@Suite("EU VAT numbers against python-stdnum")
struct VATDifferentialTests {
    @Test("the Swift verdict agrees with python-stdnum on every number of the corpus")
    func agreesWithStdnum() throws {
        let corpus = try ChildProcess.run(try PythonTools.python, [ChildProcess.testsFile("interop/vat_corpus.py"), "20"])
        try #require(corpus.exitCode == 0, "vat_corpus.py failed (pip install python-stdnum==2.2): \(corpus.standardError)")
        let data = Data(corpus.standardOutput.utf8)

        var compared = 0
        var disagreements: [String] = []
        var validCount = 0
        for line in data.split(separator: UInt8(ascii: "\n")) {
            let entry = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            let input = try #require(entry["input"] as? String)
            let expected = try #require(entry["stdnum_valid"] as? Bool)
            let check = VATNumber.check(input)
            if check.isValid != expected {
                disagreements.append("\(input): stdnum \(expected), Swift \(check.isValid) (\(check.reason ?? "valid"))")
            }
            if expected { validCount += 1 }
            compared += 1
        }
        #expect(compared >= 2_000)
        #expect(validCount >= 500, "the corpus must hold plenty of valid numbers, not only misses")
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements, first: \(disagreements.prefix(10))")
    }

    @Test("GB, CH and NO numbers: the Swift verdict agrees with python-stdnum (gb.vat, ch.vat, no.mva)")
    func foreignAgreesWithStdnum() throws {
        let corpus = try ChildProcess.run(try PythonTools.python, [ChildProcess.testsFile("interop/foreign_vat_corpus.py"), "300"])
        try #require(corpus.exitCode == 0, "foreign_vat_corpus.py failed: \(corpus.standardError)")
        var disagreements: [String] = []
        var counts: [String: (valid: Int, invalid: Int)] = [:]
        for line in corpus.standardOutput.split(separator: "\n") {
            let entry = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let country = try #require(entry["country"] as? String), input = try #require(entry["input"] as? String)
            let expected = try #require(entry["valid"] as? Bool)
            let check = ForeignVATNumber.check(input, country: CountryCode(country)!)
            if check.isValid != expected { disagreements.append("\(country) \(input): stdnum \(expected), Swift \(check.isValid)") }
            let previous = counts[country] ?? (0, 0)
            counts[country] = expected ? (previous.valid + 1, previous.invalid) : (previous.valid, previous.invalid + 1)
        }
        for country in ["GB", "CH", "NO"] {
            #expect((counts[country]?.valid ?? 0) >= 50 && (counts[country]?.invalid ?? 0) >= 50, "\(country): \(String(describing: counts[country]))")
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements, first: \(disagreements.prefix(10))")
    }
}
