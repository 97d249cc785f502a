import Foundation
import Testing
import TresorTestSupport

/// SIGKILL in the middle of a stream of writes: nothing acknowledged is lost, the access log
/// verifies, and every acknowledged write's webhook event is still delivered.
@Suite("reliability: crash")
struct CrashTests {
    @Test("SIGKILL during concurrent creates and updates: every acknowledged write survives, the log verifies, no event is lost")
    func killMidStream() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-crash-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("data").path
        let key = try TresorProcess.initialise(data)
        var server: ServerProcess? = try TresorProcess.serve(data)
        var api = APIClient(port: try server!.listeningPort, key: key)
        let received = directory.appendingPathComponent("received.jsonl"), secretFile = directory.appendingPathComponent("secret")
        let receiver = try TresorProcess.webhookReceiver(secretFile: secretFile, file: received)
        defer { receiver.kill(SIGKILL) }
        let endpoint = try await api.send("POST", "/v2/webhook-endpoints", [
            "url": "http://127.0.0.1:\(try receiver.listeningPort)/hook", "events": ["customer-created", "customer-updated"], "country": "de",
        ])
        try #require((endpoint.body["webhook_endpoint"] as? [String: Any])?["secret"] as? String).write(to: secretFile, atomically: true, encoding: .utf8)

        // Eight clients create a customer, then rename it, over and over, until the server dies.
        let acknowledged = Acknowledged()
        let writingAPI = api
        let writers = Task {
            await withTaskGroup(of: Void.self) { group in
                for writer in 0..<8 {
                    group.addTask {
                        var index = 0
                        while true {
                            index += 1
                            let name = "Crash\(writer)x\(index)"
                            guard let created = try? await writingAPI.send("POST", "/v2/customers/create",
                                                                    ["name": name, "email": "crash.\(writer).\(index)@example.de", "country": "de"]),
                                  created.status == 200, let id = (created.body["customer"] as? [String: Any])?["id"] as? String else { return }
                            await acknowledged.create(id, name: name)
                            await acknowledged.attempt(id, name: name + "u")
                            guard let updated = try? await writingAPI.send("POST", "/v2/customers/update/\(id)", ["name": name + "u"]),
                                  updated.status == 200 else { return }
                            await acknowledged.update(id, name: name + "u")
                        }
                    }
                }
            }
        }
        try await TresorProcess.waitUntil("200 acknowledged creates", timeout: 60) { await acknowledged.count >= 200 }
        server?.kill(SIGKILL)
        server = nil
        await writers.value

        server = try TresorProcess.serve(data)
        api = APIClient(port: try server!.listeningPort, key: key)
        let created = await acknowledged.created, attempted = await acknowledged.attempted, updated = await acknowledged.updated
        for (id, name) in created {
            let retrieved = try await api.send("GET", "/v2/customers/retrieve/\(id)", nil)
            let stored = (retrieved.body["customer"] as? [String: Any])?["name"] as? String
            #expect(retrieved.status == 200, "acknowledged create \(id) lost")
            // An update in flight at the kill may or may not have committed; an acknowledged one must have.
            #expect(stored == name || stored == attempted[id], "customer \(id): \(stored ?? "nil"), acknowledged \(name)")
        }
        // Every acknowledged write's event reaches the receiver, signed.
        try await TresorProcess.waitUntil("an event for every acknowledged write", timeout: 90) {
            let records = try TresorProcess.records(received).filter { $0["verified"] as? Bool == true }
            let createdEvents = Set(records.filter { $0["event_type"] as? String == "customer-created" }.compactMap { $0["customer_id"] as? String })
            let updatedEvents = Set(records.filter { $0["event_type"] as? String == "customer-updated" }.compactMap { $0["customer_id"] as? String })
            return createdEvents.isSuperset(of: created.keys) && updatedEvents.isSuperset(of: updated)
        }
        server?.kill(SIGTERM)
        let verified = try TresorProcess.run(["audit", "verify", "--data-dir", data])
        #expect(verified.exitCode == 0, "\(verified.standardOutput)\(verified.standardError)")
        let log = try TresorProcess.run(["audit", "query", "--data-dir", data, "--action", "customer.create", "--json"])
        let logged = Set(log.standardOutput.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .filter { $0["outcome"] as? String == "ok" }.flatMap { $0["subjects"] as? [String] ?? [] })
        #expect(logged.isSuperset(of: created.keys), "every acknowledged create has its access-log entry")
    }
}

/// What the clients saw acknowledged, and what they had sent when the server died.
actor Acknowledged {
    var created: [String: String] = [:]
    var attempted: [String: String] = [:]
    var updated: Set<String> = []

    func create(_ id: String, name: String) { created[id] = name; attempted[id] = name }
    func attempt(_ id: String, name: String) { attempted[id] = name }
    func update(_ id: String, name: String) { created[id] = name; updated.insert(id) }
    var count: Int { created.count }
}
