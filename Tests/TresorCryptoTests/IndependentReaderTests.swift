import Foundation
import Testing
import TresorCrypto

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
        let email = "  José.Müller@Example.DE "
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

        let output = try runPython(script: Self.scriptPath, arguments: [fixtureURL.path])
        let result = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: String])
        #expect(result["plaintext"] == "Zoë Ångström <zoe@example.se> ✓")
        #expect(result["blind_index"] == index.hexString)
    }

    static var scriptPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("interop/decrypt_field.py").path
    }

    private func runPython(script: String, arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = String(decoding: errorData, as: UTF8.self)
        try #require(process.terminationStatus == 0,
                     "python3 \(script) failed (is the `cryptography` package installed? pip install cryptography): \(stderr)")
        return String(decoding: data, as: UTF8.self)
    }
}
