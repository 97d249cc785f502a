import Foundation
import Testing
import TresorTestSupport

/// Storage faults under a real `tresor serve`: its data directory on a small tmpfs that fills
/// up or turns read-only. Tresor refuses with 503 and `Retry-After`, says so in `/readyz` and
/// its metrics, and recovers by itself when the fault goes.
@Suite("reliability: storage faults")
struct StorageFaultTests {
    @Test("disk full: writes and reads 503 with Retry-After, /readyz 503; space back: ready and writing without a restart, nothing acknowledged lost, the log verifies",
          .enabled(if: ScratchFilesystem.isAvailable, "mounting a tmpfs needs root"))
    func diskFull() async throws {
        let filesystem = try ScratchFilesystem(kilobytes: 6 * 1024)
        let data = filesystem.directory.appendingPathComponent("data").path
        let key = try TresorProcess.initialise(data)
        let server = try TresorProcess.serve(data)
        defer { server.kill(SIGTERM) }
        let api = APIClient(port: try server.listeningPort, key: key)
        let ballast = try filesystem.fill("ballast", bytes: 1 << 20)

        var acknowledged: [String] = []
        var refusal: (status: Int, headers: [String: String], body: [String: Any])?
        for index in 0..<10_000 {
            let answer = try await api.exchange("POST", "/v2/customers/create", Self.customer(index))
            guard answer.status == 200 else {
                refusal = answer
                break
            }
            acknowledged.append(try #require((answer.body["customer"] as? [String: Any])?["id"] as? String))
        }
        let refused = try #require(refusal, "the file system never filled")
        #expect(refused.status == 503, "\(refused.body)")
        #expect(refused.headers["retry-after"] == "5")
        #expect(refused.body["title"] as? String == "Storage unavailable")
        #expect(acknowledged.count > 10, "only \(acknowledged.count) creates fitted")

        // Every later write is refused the same way, and so is a read: its access-log entry
        // cannot be committed, so its data is not handed out.
        for index in 0..<10 {
            let answer = try await api.exchange("POST", "/v2/customers/create", Self.customer(20_000 + index))
            #expect(answer.status == 503 && answer.headers["retry-after"] != nil, "\(answer.status)")
        }
        #expect(try await api.exchange("GET", "/v2/customers/retrieve/\(acknowledged[0])").status == 503)
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
