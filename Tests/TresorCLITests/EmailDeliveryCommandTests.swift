import Foundation
import Testing
import TresorTestSupport

/// Emails from a real `tresor serve` to a real SMTP server (aiosmtpd): queued while the relay is
/// down, kept across a SIGKILL, delivered once it is up.
@Suite("email delivery")
struct EmailDeliveryCommandTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-email-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    var dataDirectory: String { directory.appendingPathComponent("data").path }

    static func serve(_ dataDirectory: String, relayPort: Int, country: String = "de") throws -> ServerProcess {
        try ServerProcess(try TresorProcess.executablePath, ["serve", "--data-dir", dataDirectory, "--port", "0",
                                                             "--smtp-host", "127.0.0.1", "--smtp-port", "\(relayPort)", "--smtp-security", "none",
                                                             "--smtp-sender", "Tresor Shop <noreply@shop.example>", "--smtp-country", country],
                          environment: ["PATH": "/usr/bin:/bin"], readyLine: "listening")
    }

    @Test("relay down: the email is retried, survives a SIGKILL, and arrives rendered once the relay is up")
    func retriedUntilTheRelayIsUp() async throws {
        let key = try TresorProcess.initialise(dataDirectory)
        // First no relay listens on the port the server is given; later a relay starts and the
        // server restarts with the relay's port.
        let downRelayPort = try TestPorts.free()
        var server: ServerProcess? = try Self.serve(dataDirectory, relayPort: downRelayPort)
        var api = APIClient(port: try server!.listeningPort, key: key)

        let template = try await api.send("POST", "/v2/email-templates", [
            "name": "order-confirmation", "subject": "Ihre Bestellung, {{name}}",
            "text_body": "Hallo {{name}},\nvielen Dank.\n", "html_body": "<p>Hallo {{name}}</p>",
        ])
        let templateID = try #require((template.body["email_template"] as? [String: Any])?["id"] as? String)
        let created = try await api.send("POST", "/v2/customers/create", ["name": "Jürgen", "email": "juergen@example.de", "country": "de"])
        let customerID = try #require((created.body["customer"] as? [String: Any])?["id"] as? String)
        let sent = try await api.send("POST", "/v2/customers/send-email/\(customerID)", ["email_template_id": templateID])
        #expect(sent.status == 200)

        try await TresorProcess.waitUntil("a failed first attempt") {
            let page = try await api.send("GET", "/v2/emails?customer_id=\(customerID)", nil)
            return (page.body["data"] as? [[String: Any]] ?? []).contains { ($0["attempts"] as? Int ?? 0) >= 1 && $0["status"] as? String == "queued" }
        }
        server?.kill(SIGKILL)
        server = nil
        // The next attempt waits out the retry schedule: 5 s after one failure, 5 minutes after
        // two (on a starved machine a second attempt may fail before the kill). Let that time pass
        // as it would, so the test does not depend on how many attempts failed before the kill.
        try SQLiteFile.execute(directory.appendingPathComponent("data/tresor.sqlite").path,
                               "UPDATE emails SET next_attempt_at = 0 WHERE status = 'queued'")

        let relay = try SMTPRelay(directory: directory.appendingPathComponent("relay"))
        defer { relay.stop() }
        server = try Self.serve(dataDirectory, relayPort: relay.port)
        api = APIClient(port: try server!.listeningPort, key: key)
        try await TresorProcess.waitUntil("the email at the relay", timeout: 30) { !relay.messages().isEmpty }
        let message = relay.messages()[0]
        #expect(message["rcpt_tos"] as? [String] == ["juergen@example.de"])
        #expect(message["subject"] as? String == "Ihre Bestellung, Jürgen")
        #expect(message["from"] as? String == "Tresor Shop <noreply@shop.example>")
        #expect((message["text"] as? String)?.replacingOccurrences(of: "\r\n", with: "\n") == "Hallo Jürgen,\nvielen Dank.\n")
        #expect(message["date_parses"] as? Bool == true)
        try await TresorProcess.waitUntil("the email recorded as sent") {
            let page = try await api.send("GET", "/v2/emails?customer_id=\(customerID)", nil)
            return (page.body["data"] as? [[String: Any]])?.first?["status"] as? String == "sent"
        }
        server?.kill(SIGTERM)

        let log = try TresorProcess.run(["audit", "query", "--data-dir", dataDirectory, "--action", "email.deliver", "--json"])
        let attempts = log.standardOutput.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(attempts.filter { $0["outcome"] as? String == "error" }.count >= 1)
        #expect(attempts.filter { $0["outcome"] as? String == "ok" }.count == 1)
        let relays = Set(["mail relay 127.0.0.1:\(downRelayPort) (DE)", "mail relay 127.0.0.1:\(relay.port) (DE)"])
        #expect(attempts.allSatisfy { relays.contains($0["recipient"] as? String ?? "") })
        #expect(try TresorProcess.run(["audit", "verify", "--data-dir", dataDirectory]).exitCode == 0)
    }

    @Test("a relay in the US without a transfer basis: serve refuses to start and names the policy")
    func relayOutsideTheEEA() throws {
        let result = try TresorProcess.run(["serve", "--data-dir", dataDirectory, "--port", "1", "--smtp-host", "smtp.example.com",
                                            "--smtp-sender", "noreply@shop.example", "--smtp-country", "us"])
        #expect(result.exitCode != 0)
        #expect(result.standardError.contains("US is outside the EU/EEA"))
        #expect(result.standardError.contains("residency.yaml"))
        #expect(!FileManager.default.fileExists(atPath: dataDirectory))
    }
}
