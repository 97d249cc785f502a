import Testing
import TresorCrypto

@Suite("Sealed fields")
struct SealedFieldTests {
    let dataKey: DataKey
    let context = FieldContext(table: "customers", column: "email", rowID: "0b6f5a0c-8f2e-4d8e-9d57-3c1f1c1e9a11")

    init() throws {
        dataKey = try DataKey.generate()
    }

    @Test("a sealed field opens under its own key and context")
    func roundTrip() throws {
        let sealed = try dataKey.seal("anna.schmidt@example.de", context: context)
        #expect(sealed.count == SealedField.overhead + "anna.schmidt@example.de".utf8.count)
        #expect(sealed[0] == SealedField.formatVersion)
        #expect(try SealedField.keyIdentifier(of: sealed) == dataKey.identifier)
        #expect(try dataKey.openString(sealed, context: context) == "anna.schmidt@example.de")
        #expect(try dataKey.openString(dataKey.seal("", context: context), context: context) == "")
    }

    @Test("opened under another row id, column or table, it fails authentication", arguments: [
        FieldContext(table: "customers", column: "email", rowID: "0b6f5a0c-8f2e-4d8e-9d57-3c1f1c1e9a12"),
        FieldContext(table: "customers", column: "phone", rowID: "0b6f5a0c-8f2e-4d8e-9d57-3c1f1c1e9a11"),
        FieldContext(table: "addresses", column: "email", rowID: "0b6f5a0c-8f2e-4d8e-9d57-3c1f1c1e9a11"),
        // Length prefixes keep ("customers","email") apart from ("customer","semail").
        FieldContext(table: "customer", column: "semail", rowID: "0b6f5a0c-8f2e-4d8e-9d57-3c1f1c1e9a11"),
    ])
    func otherContextFails(other: FieldContext) throws {
        let sealed = try dataKey.seal("anna.schmidt@example.de", context: context)
        #expect(throws: CryptoError.authenticationFailure) { try dataKey.open(sealed, context: other) }
    }

    @Test("opened with another subject's key, it fails")
    func otherSubjectFails() throws {
        let sealed = try dataKey.seal("anna.schmidt@example.de", context: context)
        let otherSubjectKey = try DataKey.generate()
        #expect(throws: CryptoError.keyMismatch) { try otherSubjectKey.open(sealed, context: context) }
        // Even with the header rewritten to name the other key, the tag does not verify.
        var relabelled = sealed
        relabelled.replaceSubrange(1..<SealedField.headerByteCount, with: otherSubjectKey.identifier)
        #expect(throws: CryptoError.authenticationFailure) { try otherSubjectKey.open(relabelled, context: context) }
    }

    @Test("a flipped bit anywhere in a sealed field makes it fail")
    func everyBitFlipFails() throws {
        let sealed = try dataKey.seal("+49 30 1234567", context: context)
        for bit in 0..<(sealed.count * 8) {
            var tampered = sealed
            tampered[bit / 8] ^= UInt8(1 << (bit % 8))
            #expect(throws: (any Error).self, "bit \(bit)") { try dataKey.open(tampered, context: context) }
        }
        #expect(try dataKey.openString(sealed, context: context) == "+49 30 1234567")
    }

    @Test("truncated and unknown-version fields are format errors, not crashes")
    func malformedFields() throws {
        let sealed = try dataKey.seal("x", context: context)
        #expect(throws: CryptoError.invalidFormat("a sealed field is at least 37 bytes, got 10")) {
            try dataKey.open(Array(sealed.prefix(10)), context: context)
        }
        var future = sealed
        future[0] = 2
        #expect(throws: CryptoError.unsupportedFormatVersion(2)) { try dataKey.open(future, context: context) }
        #expect(throws: (any Error).self) { try dataKey.open([], context: context) }
    }
}
