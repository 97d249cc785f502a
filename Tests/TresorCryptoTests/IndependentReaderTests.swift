import Foundation
import Testing
import TresorCrypto
import TresorTestSupport

/// Docs/crypto.md is checked by a second implementation: a Python script written from the
/// document alone, using the `cryptography` package, must open what the Swift code sealed.
@Suite("Docs/crypto.md, proven by an independent reader")
struct IndependentReaderTests {
    @Test("Python's cryptography package unwraps the DEK, opens the field and recomputes the blind index")
    func pythonReaderOpensSwiftOutput() throws {
        let keyring = try MasterKeyring.generate().addingNewVersion()
        let subject = UUID().uuidString.lowercased()
        let dataKey = try DataKey.generate()
        let wrapped = try keyring.wrap(dataKey, subjectID: subject)
        let context = FieldContext(table: "customers", column: "email", rowID: subject)
        // Quotes, a full-width letter and an internationalised domain: normalisation version 2.
        let email = "  \"José.Müller\"@Ｅxample-Bücher.DE "
        let sealed = try dataKey.seal("Zoë Ångström <zoe@example.se> ✓", context: context)
        let index = try keyring.blindIndexKey(purpose: "customers.email", version: 1).index(ofEmail: email)

        let fixture: [String: Any] = [
            "keyring": String(decoding: keyring.serializedText(), as: UTF8.self),
            "subject_id": subject,
            "wrapped_dek": wrapped.bytes.hexString,
            "table": context.table, "column": context.column, "row_id": context.rowID,
            "sealed_field": sealed.hexString,
            "index_version": 1, "index_purpose": "customers.email", "index_email": email,
        ]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-interop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let fixtureURL = directory.appendingPathComponent("fixture.json")
        try JSONSerialization.data(withJSONObject: fixture).write(to: fixtureURL)

        let python = try ChildProcess.run(try PythonTools.python, [ChildProcess.testsFile("interop/decrypt_field.py"), fixtureURL.path])
        try #require(python.exitCode == 0, "decrypt_field.py failed (pip install cryptography): \(python.standardError)")
        let output = python.standardOutput
        let result = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: String])
        #expect(result["plaintext"] == "Zoë Ångström <zoe@example.se> ✓")
        #expect(result["blind_index"] == index.hexString)
    }
}
