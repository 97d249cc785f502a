import Foundation
import Testing
@testable import TresorCrypto

@Suite("Blind indexes")
struct BlindIndexTests {
    @Test("email normalisation: trimmed, lower-cased, NFC")
    func normalisation() {
        #expect(BlindIndexKey.normalizeEmail("  Anna.Schmidt@Example.DE \n") == "anna.schmidt@example.de")
        // "é" as e + combining acute (NFD) and as one code point (NFC) normalise alike.
        let decomposed = "Jose\u{0301}@example.es"
        let composed = "jos\u{00E9}@example.es"
        #expect(BlindIndexKey.normalizeEmail(decomposed) == composed)
        #expect(Array(BlindIndexKey.normalizeEmail(decomposed).utf8) == Array(composed.utf8))
    }

    @Test("normalisation version 2: compatibility forms, unneeded quotes and IDNA domains are one address (issue 21)", arguments: [
        ("ｎｏｒａ@example.de", "nora@example.de"),
        ("nora@ｅｘａｍｐｌｅ.de", "nora@example.de"),
        ("\"nora\"@example.de", "nora@example.de"),
        ("\"Nora.Berg\"@Example.DE", "nora.berg@example.de"),
        ("\"nora berg\"@example.de", "\"nora berg\"@example.de"),
        ("info@Bücher.de", "info@xn--bcher-kva.de"),
        ("info@xn--bcher-kva.de", "info@xn--bcher-kva.de"),
        ("ﬁnn@example.de", "finn@example.de"),
    ])
    func normalisationVersion2(input: String, normalised: String) {
        #expect(BlindIndexKey.normalizeEmail(input) == normalised)
    }

    @Test("trimming removes exactly what Foundation's whitespacesAndNewlines removes (indexes stored before depend on it)")
    func trimmingAgreesWithFoundation() {
        let whiteSpace = CharacterSet.whitespacesAndNewlines
        // Every scalar Foundation trims, its neighbours, and format characters that look blank.
        let candidates: [Unicode.Scalar] = (0...0xFFFF).compactMap(Unicode.Scalar.init)
            .filter { whiteSpace.contains($0) || $0.value < 0x30 || [0x180E, 0x200B, 0x200C, 0x2060, 0xFEFF].contains($0.value) }
            .filter { $0 != "\"" }
        #expect(candidates.filter { whiteSpace.contains($0) }.count >= 25)
        for scalar in candidates {
            let padding = String(Character(scalar))
            let normalized = BlindIndexKey.normalizeEmail(padding + "Nora@example.de" + padding)
            if whiteSpace.contains(scalar) {
                #expect(normalized == "nora@example.de", "U+\(String(scalar.value, radix: 16)) is trimmed")
            } else {
                #expect(normalized != "nora@example.de", "U+\(String(scalar.value, radix: 16)) is kept")
            }
        }
    }

    @Test("ASCII addresses normalise on bytes exactly as through the Unicode steps")
    func asciiPathAgrees() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aZ09.@\"\\ \t\n\r\u{0B}\u{0C}\u{1C}\u{1F}+-_!#~()<>,;:[]%".unicodeScalars)
        var samples = ["", " ", "@", "\"\"@x", "\"nora\"@Example.DE", "\"no ra\"@x.de", "\"a..b\"@x", " Nora@Example.DE\t", "a@b@c"]
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...12, using: &generator)
            samples.append(String(String.UnicodeScalarView((0..<length).map { _ in alphabet.randomElement(using: &generator)! })))
        }
        for sample in samples {
            #expect(BlindIndexKey.normalizeASCIIEmail(sample) == BlindIndexKey.normalizeAnyEmail(sample), "\(Array(sample.utf8))")
        }
    }

    @Test("equal emails after normalisation give equal indexes; others differ")
    func equality() throws {
        let keyring = try MasterKeyring.generate()
        let key = try keyring.blindIndexKey(purpose: "customers.email", version: 1)
        let a = try key.index(ofEmail: "Anna@Example.de")
        #expect(a.count == BlindIndexKey.byteCount)
        #expect(try key.index(ofEmail: " anna@example.de") == a)
        #expect(try key.index(ofEmail: "anna@example.com") != a)
    }

    @Test("each purpose and each master key gives unrelated indexes")
    func separation() throws {
        let keyring = try MasterKeyring.generate()
        let email = try keyring.blindIndexKey(purpose: "customers.email", version: 1).index(ofNormalized: "x")
        let phone = try keyring.blindIndexKey(purpose: "customers.phone", version: 1).index(ofNormalized: "x")
        let otherDeployment = try MasterKeyring.generate().blindIndexKey(purpose: "customers.email", version: 1).index(ofNormalized: "x")
        #expect(email != phone)
        #expect(email != otherDeployment)
    }

    @Test("the index is HKDF then truncated HMAC, as Docs/crypto.md says")
    func documentedConstruction() throws {
        let master = SecureBytes(copying: [UInt8](repeating: 0x42, count: 32))
        let derived = try HKDF.deriveKey(inputKeyMaterial: master, salt: Array("tresor/blind-index/v1".utf8),
                                         info: Array("customers.email".utf8), outputByteCount: 32)
        let expected = Array(try HMACSHA256.authenticationCode(for: Array("anna@example.de".utf8), using: derived).prefix(16))
        let key = try BlindIndexKey(masterKey: master, purpose: "customers.email")
        #expect(try key.index(ofEmail: "ANNA@example.de") == expected)
    }
}
