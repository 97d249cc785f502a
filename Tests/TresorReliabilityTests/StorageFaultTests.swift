import Foundation
import Testing
import TresorTestSupport

/// Storage faults under a real `tresor serve`: its data directory on a small tmpfs that fills
/// up or turns read-only. Tresor refuses with 503 and `Retry-After`, says so in `/readyz` and
/// its metrics, and recovers by itself when the fault goes.
@Suite("reliability: storage faults")
struct StorageFaultTests {
    @Test("disk full: refused writes and reads are 503 with Retry-After (never 500), /readyz 503; space back: ready and writing without a restart, nothing acknowledged lost, the log verifies",
          .enabled(if: ScratchFilesystem.isAvailable, "mounting a tmpfs needs root"))
    func diskFull() async throws {
        let filesystem = try ScratchFilesystem(kilobytes: 6 * 1024)
        let data = filesystem.directory.appendingPathComponent("data").path
        let key = try TresorProcess.initialise(data)
        let server = try TresorProcess.serve(data)
        defer { server.kill(SIGTERM) }
        let api = APIClient(port: try server.listeningPort, key: key)
        // An endpoint nobody answers: every create queues an event, and delivery keeps failing.
        let endpoint = try await api.exchange("POST", "/v2/webhook-endpoints", [
            "url": "http://127.0.0.1:\(try TestPorts.free())/hook", "events": ["customer-created"], "country": "de",
        ])
        #expect(endpoint.status == 200, "\(endpoint.body)")
        let ballast = try filesystem.fill("ballast", bytes: 1 << 20)

        // Fill it until ten creates in a row are refused. Every answer is 200 (and kept) or 503
        // with Retry-After (and nothing kept), never anything else: SQLite may free a little
        // space (a checkpoint resets its log), so a create between refusals can still fit.
        var acknowledged: [String] = []
        var refusals = 0, inARow = 0
        var firstRefusal: (status: Int, headers: [String: String], body: [String: Any])?
        for index in 0..<10_000 where inARow < 10 {
            let answer = try await api.exchange("POST", "/v2/customers/create", Self.customer(index))
            if answer.status == 200 {
                acknowledged.append(try #require((answer.body["customer"] as? [String: Any])?["id"] as? String))
                inARow = 0
                continue
            }
            #expect(answer.status == 503 && answer.headers["retry-after"] != nil, "\(answer.status) \(answer.body)")
            if firstRefusal == nil { firstRefusal = answer }
            refusals += 1
            inARow += 1
        }
        let refused = try #require(firstRefusal, "the file system never filled")
        #expect(inARow == 10, "the disk never stayed full")
        #expect(refused.headers["retry-after"] == "5")
        #expect(refused.body["title"] as? String == "Storage unavailable")
        #expect(acknowledged.count > 10, "only \(acknowledged.count) creates fitted")

        // A read is refused the same way while its access-log entry cannot be committed, so its
        // data is not handed out. Its entry is small and may still fit where creates no longer
        // do: then the read answers 200, and the entry is in the log (checked below).
        let readDuringFault = try await api.exchange("GET", "/v2/customers/retrieve/\(acknowledged[0])").status
        #expect(readDuringFault == 503 || readDuringFault == 200, "\(readDuringFault)")
        let unready = try await api.exchange("GET", "/readyz")
        #expect(unready.status == 503 && unready.body["reason"] as? String == "disk_full", "\(unready.body)")
        #expect(try await api.exchange("GET", "/healthz").status == 200, "liveness is not readiness")
        let metrics = try await api.raw("GET", "/metrics", body: nil, contentType: nil)
        let text = String(decoding: metrics.body, as: UTF8.self)
        #expect(text.contains("tresor_storage_failures_total{kind=\"disk_full\"}"), "\(text.prefix(2000))")
        #expect(text.contains("\"503\""), "503s are counted as 503")

        // Space returns: ready again and writing, without a restart.
        try FileManager.default.removeItem(at: ballast)
        try await TresorProcess.waitUntil("/readyz answering 200", timeout: 15) { try await api.exchange("GET", "/readyz").status == 200 }
        #expect(try await api.exchange("POST", "/v2/customers/create", Self.customer(30_000)).status == 200)
        for id in acknowledged {
            #expect(try await api.exchange("GET", "/v2/customers/retrieve/\(id)").status == 200, "acknowledged create \(id) lost")
        }
        server.kill(SIGTERM)
        let verify = try TresorProcess.run(["audit", "verify", "--data-dir", data])
        #expect(verify.exitCode == 0, "\(verify.standardOutput)")
        // Every read that answered 200 has its entry: the one after recovery, and the one during
        // the fault if it answered 200.
        let reads = try TresorProcess.run(["audit", "query", "--data-dir", data, "--action", "customer.view", "--json"])
        let readEntries = reads.standardOutput.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .filter { $0["outcome"] as? String == "ok" && ($0["subjects"] as? [String])?.contains(acknowledged[0]) == true }
        #expect(readEntries.count == (readDuringFault == 200 ? 2 : 1))

        // Nothing half-done: a customer row and one customer-created event per acknowledged
        // create (and the one after), and every key without a customer is a pending key, which
        // recovery removes.
        let dataFile = data + "/tresor.sqlite", keysFile = data + "/keys.sqlite"
        let customers = Set(try SQLiteFile.rows(dataFile, "SELECT id FROM customers").map { $0[0] })
        #expect(customers.count == acknowledged.count + 1)
        #expect(customers.isSuperset(of: acknowledged))
        #expect(try SQLiteFile.scalar(dataFile, "SELECT count(*) FROM webhook_events WHERE type = 'customer-created'") == "\(acknowledged.count + 1)")
        let keys = Set(try SQLiteFile.rows(keysFile, "SELECT subject_id FROM subject_keys").map { $0[0] })
        let pending = Set(try SQLiteFile.rows(keysFile, "SELECT subject_id FROM pending_keys").map { $0[0] })
        #expect(keys.isSuperset(of: customers))
        #expect(keys.subtracting(customers).isSubset(of: pending), "keys without a customer that recovery would keep")
    }

    @Test("read-only storage (ext4 turned read-only after an error, under the running server): writes and reads 503 with Retry-After, /readyz 503, the server stays up, nothing acknowledged lost",
          .enabled(if: ScratchFilesystem.isAvailable, "mounting a file system needs root"))
    func readOnly() async throws {
        let filesystem = try ScratchFilesystem(ext4Megabytes: 32)
        let data = filesystem.directory.appendingPathComponent("data").path
        let key = try TresorProcess.initialise(data)
        let server = try TresorProcess.serve(data)
        defer { server.kill(SIGTERM) }
        let api = APIClient(port: try server.listeningPort, key: key)
        var acknowledged: [String] = []
        for index in 0..<5 {
            let created = try await api.exchange("POST", "/v2/customers/create", Self.customer(index))
            acknowledged.append(try #require((created.body["customer"] as? [String: Any])?["id"] as? String))
        }

        try filesystem.failIntoReadOnly()
        let refused = try await api.exchange("POST", "/v2/customers/create", Self.customer(100))
        #expect(refused.status == 503 && refused.headers["retry-after"] != nil, "\(refused.status) \(refused.body)")
        #expect(try await api.exchange("GET", "/v2/customers/retrieve/\(acknowledged[0])").status == 503)
        let unready = try await api.exchange("GET", "/readyz")
        #expect(unready.status == 503, "\(unready.body)")
        #expect(try await api.exchange("GET", "/healthz").status == 200)
        // The command line says why in one line and exits 75 (EX_TEMPFAIL).
        let command = try TresorProcess.run(["keys", "create", "--data-dir", data, "--role", "integration", "--name", "read-only"])
        #expect(command.exitCode == 75, "\(command.exitCode): \(command.standardError)")
        #expect(command.standardError.split(separator: "\n").count == 1, "\(command.standardError)")

        // Such a file system comes back only through an unmount and fsck: the data written
        // before the fault is all there afterwards, and the log verifies.
        server.kill(SIGTERM)
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-ro-copy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(atPath: data, toPath: copy.path)
        let restarted = try TresorProcess.serve(copy.path)
        defer { restarted.kill(SIGTERM) }
        let copyAPI = APIClient(port: try restarted.listeningPort, key: key)
        for id in acknowledged {
            #expect(try await copyAPI.exchange("GET", "/v2/customers/retrieve/\(id)").status == 200)
        }
        restarted.kill(SIGTERM)
        #expect(try TresorProcess.run(["audit", "verify", "--data-dir", copy.path]).exitCode == 0)
    }

    /// A customer with enough text that the disk fills within a few hundred creates.
    static func customer(_ index: Int) -> [String: Any] {
        ["name": "Füll\(index)" + String(repeating: "x", count: 200), "email": "fill.\(index)@example.de", "country": "de",
         "company": String(repeating: "Firma ", count: 50)]
    }
}
