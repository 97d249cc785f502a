import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TresorTestSupport

/// Webhooks from a real `tresor serve` to a receiver that verifies them with the PyPI
/// `standardwebhooks` package: nothing is lost across a SIGKILL while the receiver is down.
@Suite("webhook delivery")
struct WebhookDeliveryCommandTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-webhooks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    var dataDirectory: String { directory.appendingPathComponent("data").path }

    @Test("receiver down: create, update, delete; SIGKILL and restart; receiver up: all three arrive, verified, in order")
    func survivesCrashWhileReceiverIsDown() async throws {
        let key = try TresorProcess.initialise(dataDirectory)
        // The receiver is down at first, so its port is reserved now and taken when it starts.
        let receiverPort = try TestPorts.free()
        var server: ServerProcess? = try TresorProcess.serve(dataDirectory)
        var api = APIClient(port: try server!.listeningPort, key: key)

        let endpoint = try await api.send("POST", "/v2/webhook-endpoints", [
            "url": "http://127.0.0.1:\(receiverPort)/hook", "events": ["customer-created", "customer-updated", "customer-removed"],
            "country": "de", "payload": "full",
        ])
        let hook = try #require(endpoint.body["webhook_endpoint"] as? [String: Any])
        let secretFile = directory.appendingPathComponent("secret")
        try #require(hook["secret"] as? String).write(to: secretFile, atomically: true, encoding: .utf8)
        let endpointID = try #require(hook["id"] as? String)

        let created = try await api.send("POST", "/v2/customers/create", ["name": "Hook", "email": "hook@example.de", "country": "de"])
        let customerID = try #require((created.body["customer"] as? [String: Any])?["id"] as? String)
        _ = try await api.send("POST", "/v2/customers/update/\(customerID)", ["name": "Hooked"])
        _ = try await api.send("DELETE", "/v2/customers/\(customerID)", nil)
        let kept = try await api.send("POST", "/v2/customers/create", ["name": "Kept", "email": "kept@example.de", "country": "de"])
        let keptID = try #require((kept.body["customer"] as? [String: Any])?["id"] as? String)

        // The first delivery has been tried and failed (nobody listens); the others wait behind it.
        try await TresorProcess.waitUntil("a failed first attempt") {
            let page = try await api.send("GET", "/v2/webhook-endpoints/\(endpointID)/deliveries", nil)
            return (page.body["data"] as? [[String: Any]] ?? []).contains { ($0["attempts"] as? Int ?? 0) >= 1 }
        }
        server?.kill(SIGKILL)
        server = nil

        let received = directory.appendingPathComponent("received.jsonl")
        let receiver = try TresorProcess.webhookReceiver(secretFile: secretFile, file: received, port: receiverPort)
        server = try TresorProcess.serve(dataDirectory)
        api = APIClient(port: try server!.listeningPort, key: key)
        // Under load a second attempt can fail before the kill; the schedule then puts the next one
        // 5 minutes out. Bring such deliveries forward (same webhook-id) so the test stays short;
        // the ones tried once are retried on their own after 5 s.
        let page = try await api.send("GET", "/v2/webhook-endpoints/\(endpointID)/deliveries", nil)
        for delivery in page.body["data"] as? [[String: Any]] ?? [] where (delivery["attempts"] as? Int ?? 0) >= 2 {
            _ = try await api.send("POST", "/v2/webhook-endpoints/\(endpointID)/deliveries/\(delivery["id"] as? String ?? "")/resend", nil)
        }
        try await TresorProcess.waitUntil("four verified deliveries", timeout: 40) {
            Set(try TresorProcess.records(received).filter { $0["verified"] as? Bool == true }.compactMap { $0["webhook_id"] as? String }).count == 4
        }
        let all = try TresorProcess.records(received)
        #expect(all.allSatisfy { $0["verified"] as? Bool == true })
        let records = all.filter { $0["customer_id"] as? String == customerID }
        var firstSeen: [String] = []
        for record in records {
            let type = record["event_type"] as? String ?? ""
            if !firstSeen.contains(type) { firstSeen.append(type) }
            #expect(record["customer_id"] as? String == customerID)
        }
        #expect(firstSeen == ["customer-created", "customer-updated", "customer-removed"])
        // Erased before its events went out: they arrive, but without personal data (the key is gone).
        let createdPayload = records.first { $0["event_type"] as? String == "customer-created" }?["payload"] as? [String: Any]
        let erasedCustomer = (createdPayload?["data"] as? [String: Any])?["customer"] as? [String: Any]
        #expect(erasedCustomer?["id"] as? String == customerID)
        #expect(erasedCustomer?["name"] == nil)
        #expect(createdPayload?["endpoint_id"] as? String == endpointID)
        #expect(createdPayload?["api_version"] as? Int == 2)
        #expect(createdPayload?["object"] as? String == "event")
        // A customer still there gets Tamio's whole customer object.
        let keptPayload = all.first { $0["customer_id"] as? String == keptID }?["payload"] as? [String: Any]
        #expect(((keptPayload?["data"] as? [String: Any])?["customer"] as? [String: Any])?["name"] as? String == "Kept")

        server?.kill(SIGTERM)
        receiver.kill(SIGKILL)  // children inherit a signal mask with SIGTERM blocked; Python would ignore it
        let log = try TresorProcess.run(["audit", "query", "--data-dir", dataDirectory, "--action", "webhook.deliver", "--json"])
        let delivered = log.standardOutput.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }.filter { $0["outcome"] as? String == "ok" }
        #expect(delivered.count >= 4)
        #expect(delivered.allSatisfy { ($0["recipient"] as? String ?? "").contains(endpointID) })
        #expect(try TresorProcess.run(["audit", "verify", "--data-dir", dataDirectory]).exitCode == 0)
    }
}
