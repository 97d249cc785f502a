import Foundation
import Testing
import TresorTestSupport

/// `tresor serve --role api` beside `tresor serve --role worker` on the same data directory do
/// what one `--role all` process does: the API answers and queues, the worker delivers.
@Suite("tresor serve roles")
struct ServerRoleTests {
    @Test("an API process queues a webhook event and an email; only once a worker runs are they delivered")
    func apiAndWorker() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-roles-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let dataDirectory = directory.appendingPathComponent("data").path
        let key = try TresorProcess.initialise(dataDirectory)
        let relay = try SMTPRelay(directory: directory.appendingPathComponent("relay"))
        defer { relay.stop() }

        let apiProcess = try Self.serve(dataDirectory, role: "api", relayPort: relay.port, readyLine: "listening")
        #expect(apiProcess.standardOutput.contains("role: api"))
        let api = APIClient(port: try apiProcess.listeningPort, key: key)
        let received = directory.appendingPathComponent("received.jsonl"), secretFile = directory.appendingPathComponent("secret")
        let receiver = try TresorProcess.webhookReceiver(secretFile: secretFile, file: received)
        defer { receiver.kill(SIGKILL) }
        let endpoint = try await api.send("POST", "/v2/webhook-endpoints", [
            "url": "http://127.0.0.1:\(try receiver.listeningPort)/hook", "events": ["customer-created"], "country": "de", "payload": "minimal",
        ])
        let hook = try #require(endpoint.body["webhook_endpoint"] as? [String: Any], "\(endpoint.body)")
        try #require(hook["secret"] as? String).write(to: secretFile, atomically: true, encoding: .utf8)
        let endpointID = try #require(hook["id"] as? String)

        let template = try await api.send("POST", "/v2/email-templates", ["name": "welcome", "subject": "Willkommen, {{name}}", "text_body": "Hallo {{name}}\n"])
        let templateID = try #require((template.body["email_template"] as? [String: Any])?["id"] as? String)
        let created = try await api.send("POST", "/v2/customers/create", ["name": "Rolf", "email": "rolf@example.de", "country": "de"])
        let customerID = try #require((created.body["customer"] as? [String: Any])?["id"] as? String)
        #expect(try await api.send("POST", "/v2/customers/send-email/\(customerID)", ["email_template_id": templateID]).status == 200)

        // The API process runs no deliveries: after several of a worker's polling intervals
        // (250 ms for webhooks, 500 ms for email) nothing has been attempted.
        try await Task.sleep(for: .seconds(2))
        let pending = try await api.send("GET", "/v2/webhook-endpoints/\(endpointID)/deliveries", nil)
        #expect((pending.body["data"] as? [[String: Any]])?.map { $0["attempts"] as? Int } == [0], "\(pending.body)")
        let queued = try await api.send("GET", "/v2/emails?customer_id=\(customerID)", nil)
        #expect((queued.body["data"] as? [[String: Any]])?.map { $0["status"] as? String } == ["queued"], "\(queued.body)")
        let nothingReceived = try TresorProcess.records(received).isEmpty
        #expect(relay.messages().isEmpty && nothingReceived)

        // A port nothing listens on: the worker is given it and must not take it.
        let workerPort = try TestPorts.free()
        let worker = try Self.serve(dataDirectory, role: "worker", port: workerPort, relayPort: relay.port, readyLine: "worker running")
        try await TresorProcess.waitUntil("the webhook verified at the receiver", timeout: 30) {
            try TresorProcess.records(received).contains { $0["verified"] as? Bool == true && $0["customer_id"] as? String == customerID }
        }
        try await TresorProcess.waitUntil("the email at the relay", timeout: 30) { !relay.messages().isEmpty }
        #expect(relay.messages().first?["subject"] as? String == "Willkommen, Rolf")
        try await TresorProcess.waitUntil("the email recorded as sent by the worker, read through the API") {
            let page = try await api.send("GET", "/v2/emails?customer_id=\(customerID)", nil)
            return (page.body["data"] as? [[String: Any]])?.first?["status"] as? String == "sent"
        }
        // The worker serves no HTTP.
        await #expect(throws: (any Error).self) { try await APIClient(port: workerPort, key: key).send("GET", "/healthz", nil) }
        worker.kill(SIGTERM)
        apiProcess.kill(SIGTERM)
        #expect(try TresorProcess.run(["audit", "verify", "--data-dir", dataDirectory]).exitCode == 0)
    }

    static func serve(_ dataDirectory: String, role: String, port: Int = 0, relayPort: Int, readyLine: String) throws -> ServerProcess {
        try ServerProcess(try TresorProcess.executablePath, [
            "serve", "--role", role, "--data-dir", dataDirectory, "--port", "\(port)", "--allow-loopback-webhooks",
            "--smtp-host", "127.0.0.1", "--smtp-port", "\(relayPort)", "--smtp-security", "none",
            "--smtp-sender", "Tresor Shop <noreply@shop.example>", "--smtp-country", "de",
        ], environment: ["PATH": "/usr/bin:/bin"], readyLine: readyLine)
    }
}
