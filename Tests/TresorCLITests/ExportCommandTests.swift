import Foundation
import Testing
import TresorTestSupport

/// `tresor export` and `tresor export verify` as a compliance officer runs them, against a data
/// directory a real server wrote.
@Suite("tresor export")
struct ExportCommandTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    var dataDirectory: String { directory.appendingPathComponent("data").path }

    @Test("by email: the package verifies, its portable.json meets its schema, a changed byte fails naming the file, an unknown address is no subject")
    func exportAndVerify() async throws {
        let key = try TresorProcess.initialise(dataDirectory)
        let server = try TresorProcess.serve(dataDirectory)
        let api = APIClient(port: try server.listeningPort, key: key)
        let created = try await api.send("POST", "/v2/customers/create", [
            "name": "Jürgen", "last_name": "Weiß", "email": "juergen@example.de", "country": "de", "locale": "de",
            "billing_information": ["name": "Jürgen", "address": "Domplatz 1", "city": "Köln", "postcode": "50667", "country": "de"],
        ])
        let customerID = try #require((created.body["customer"] as? [String: Any])?["id"] as? String)
        for _ in 0..<5 { _ = try await api.send("GET", "/v2/customers/retrieve/\(customerID)", nil) }
        server.kill(SIGTERM)

        let package = directory.appendingPathComponent("juergen.zip").path
        let export = try TresorProcess.run(["export", "--data-dir", dataDirectory, "--email", "JUERGEN@example.de", "--out", package])
        #expect(export.exitCode == 0, "\(export.standardError)")
        #expect(export.standardOutput.contains(customerID))
        let mode = try FileManager.default.attributesOfItem(atPath: package)[.posixPermissions] as? Int
        #expect(mode == 0o600, "the package is readable by its owner only")
        let verified = try TresorProcess.run(["export", "verify", package, "--data-dir", dataDirectory])
        #expect(verified.exitCode == 0)
        #expect(verified.standardOutput.hasPrefix("OK:"))
        let validation = try ChildProcess.run(try PythonTools.python, [ChildProcess.testsFile("interop/export_package.py"), "validate", package])
        #expect(validation.standardOutput.contains("valid"), "\(validation.standardError)")

        // An auditor with only the public key verifies it too; a foreign key does not.
        let publicKey = directory.appendingPathComponent("audit.pem").path
        try TresorProcess.run(["audit", "public-key", "--data-dir", dataDirectory]).standardOutput.write(toFile: publicKey, atomically: true, encoding: .utf8)
        #expect(try TresorProcess.run(["export", "verify", package, "--public-key", publicKey]).exitCode == 0)

        // An auditor with only the ZIP (no data directory here): the key inside is used, the
        // fingerprint printed, and the output says what that proves.
        let elsewhere = directory.appendingPathComponent("auditor")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let alone = try TresorProcess.run(["export", "verify", package], directory: elsewhere)
        #expect(alone.exitCode == 0, "\(alone.standardOutput) \(alone.standardError)")
        let fingerprint = try #require(alone.standardOutput.split(separator: "\n").first { $0.hasPrefix("Key fingerprint") })
        #expect(alone.standardOutput.contains("proves it is intact, not who made it"))
        // A forger swaps the key and re-signs: intact by its own key, but the fingerprint differs,
        // and the deployment's keys refuse it.
        let forged = directory.appendingPathComponent("forged.zip").path
        let resigned = try ChildProcess.run(try PythonTools.python, [ChildProcess.testsFile("interop/export_package.py"), "resign", package, forged])
        #expect(resigned.exitCode == 0, "\(resigned.standardError)")
        let forgedAlone = try TresorProcess.run(["export", "verify", forged], directory: elsewhere)
        #expect(forgedAlone.exitCode == 0, "\(forgedAlone.standardOutput)")
        let forgedFingerprint = try #require(forgedAlone.standardOutput.split(separator: "\n").first { $0.hasPrefix("Key fingerprint") })
        #expect(forgedFingerprint != fingerprint)
        #expect(try TresorProcess.run(["export", "verify", forged, "--data-dir", dataDirectory]).exitCode == 1)
        // VERIFY.txt names the real fingerprint, in English and German.
        let guide = try ChildProcess.run(try PythonTools.python, ["-c", "import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read('VERIFY.txt').decode())", package])
        #expect(guide.standardOutput.contains(String(fingerprint.dropFirst("Key fingerprint (SHA-256): ".count))))
        #expect(guide.standardOutput.contains("So prüfen Sie dieses Paket"))

        for name in ["subject.json", "access-log.csv", "statement.html", "manifest.json", "signing-key.pem", "VERIFY.txt"] {
            let tampered = directory.appendingPathComponent("tampered-\(name).zip").path
            _ = try ChildProcess.run(try PythonTools.python, [ChildProcess.testsFile("interop/export_package.py"), "tamper", package, name, tampered])
            let result = try TresorProcess.run(["export", "verify", tampered, "--data-dir", dataDirectory])
            #expect(result.exitCode == 1, "a changed byte in \(name) went unnoticed")
            #expect(result.standardOutput.contains("FAILED") && result.standardOutput.contains(name), "\(result.standardOutput)")
        }

        let nobody = try TresorProcess.run(["export", "--data-dir", dataDirectory, "--email", "nobody@example.de",
                                            "--out", directory.appendingPathComponent("nobody.zip").path])
        #expect(nobody.exitCode == 1)
        #expect(nobody.standardError.contains("no subject found"))
        #expect(!nobody.standardError.contains("nobody@"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("nobody.zip").path))

        let log = try TresorProcess.run(["audit", "query", "--data-dir", dataDirectory, "--action", "customer.export", "--json"])
        let entries = log.standardOutput.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(entries.map { $0["outcome"] as? String } == ["ok", "not_found"])
        #expect(entries.first?["purpose"] as? String == "art15")
        #expect(try TresorProcess.run(["audit", "verify", "--data-dir", dataDirectory]).exitCode == 0)
    }
}
