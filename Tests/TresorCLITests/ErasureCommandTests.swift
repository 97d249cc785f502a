import Foundation
import Testing
import TresorTestSupport

/// `tresor erasure` as an erasure admin runs it.
@Suite("tresor erasure")
struct ErasureCommandTests {
    @Test("request by email, list marks it overdue, approve, execute: the customer is gone and the log verifies")
    func lifecycle() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-erasure-\(UUID().uuidString)")
        let dataDirectory = directory.appendingPathComponent("data").path
        let key = try TresorProcess.initialise(dataDirectory)
        var server = try TresorProcess.serve(dataDirectory)
        var api = APIClient(port: try server.listeningPort, key: key)
        let created = try await api.send("POST", "/v2/customers/create", ["name": "Erna", "email": "erna@example.de", "country": "de"])
        let customerID = try #require((created.body["customer"] as? [String: Any])?["id"] as? String)
        server.kill(SIGTERM)

        let recorded = try TresorProcess.run(["erasure", "request", "--data-dir", dataDirectory, "--email", "erna@example.de",
                                              "--channel", "letter", "--received", "2026-01-31"])
        #expect(recorded.exitCode == 0, "\(recorded.standardError)")
        #expect(recorded.standardOutput.contains("due 2026-02-28"))
        let id = try #require(recorded.standardOutput.split(separator: " ").dropFirst().first.map { String($0.dropLast()) })

        let listed = try TresorProcess.run(["erasure", "list", "--data-dir", dataDirectory, "--due-within", "7"])
        #expect(listed.standardOutput.contains(id) && listed.standardOutput.contains("OVERDUE"))
        let unverified = try TresorProcess.run(["erasure", "approve", id, "--data-dir", dataDirectory])
        #expect(unverified.exitCode != 0)
        #expect(unverified.standardError.contains("identity-verification"))
        #expect(try TresorProcess.run(["erasure", "execute", id, "--data-dir", dataDirectory]).standardError.contains("only an approved request"))
        #expect(try TresorProcess.run(["erasure", "approve", id, "--data-dir", dataDirectory, "--identity-verification", "signed letter"]).exitCode == 0)
        let executed = try TresorProcess.run(["erasure", "execute", id, "--data-dir", dataDirectory])
        #expect(executed.exitCode == 0)
        #expect(executed.standardOutput.contains(customerID))
        let verified = try TresorProcess.run(["erasure", "certificate", id, "--data-dir", dataDirectory, "--verify"])
        #expect(verified.exitCode == 0 && verified.standardOutput.contains("verifies"), "\(verified.standardError)")
        let certificate = try TresorProcess.run(["erasure", "certificate", customerID, "--data-dir", dataDirectory])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(certificate.standardOutput.utf8)) as? [String: Any])
        #expect(document["request_id"] as? String == id && document["identity_verification"] as? String == "signed letter")
        let html = directory.appendingPathComponent("certificate.html").path
        #expect(try TresorProcess.run(["erasure", "certificate", id, "--data-dir", dataDirectory, "--html", html]).exitCode == 0)
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("<td>Identity</td>") && page.contains("signed letter") && page.contains(id))
        #expect(try TresorProcess.run(["erasure", "certificate", id, "--data-dir", dataDirectory, "--html", html, "--language", "de"]).exitCode == 0)
        let german = try String(contentsOfFile: html, encoding: .utf8)
        #expect(german.contains("<h1>Löschbescheinigung</h1>") && german.contains("<td>Identität</td>"), "\(german)")

        server = try TresorProcess.serve(dataDirectory)
        api = APIClient(port: try server.listeningPort, key: key)
        #expect(try await api.send("GET", "/v2/customers/retrieve/\(customerID)", nil).status == 404)
        server.kill(SIGTERM)
        let log = try TresorProcess.run(["audit", "query", "--data-dir", dataDirectory, "--action", "erasure.*", "--json"])
        let actions = log.standardOutput.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .compactMap { $0["action"] as? String }
        #expect(actions.contains("erasure.request") && actions.contains("erasure.approve") && actions.contains("erasure.execute"))
        #expect(try TresorProcess.run(["audit", "verify", "--data-dir", dataDirectory]).exitCode == 0)
    }
}
