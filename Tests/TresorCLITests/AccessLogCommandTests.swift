import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TresorTestSupport

/// `tresor audit …` as a real process: verification with the public key alone, and an access log
/// that keeps every acknowledged write through a SIGKILL.
@Suite("tresor audit")
struct AccessLogCommandTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-audit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    var dataDirectory: String { directory.appendingPathComponent("data").path }

    @Test("verify needs only the public key: it passes without any master key, and fails against a key it does not trust")
    func verifyWithPublicKeyOnly() throws {
        #expect(try TresorProcess.run(["init", "--data-dir", dataDirectory]).exitCode == 0)
        for _ in 0..<3 {
            #expect(try TresorProcess.run(["audit", "query", "--data-dir", dataDirectory]).exitCode == 0)
        }
        #expect(try TresorProcess.run(["audit", "checkpoint", "--data-dir", dataDirectory]).standardOutput.contains("Signed checkpoint at entry 3"))
        let publicKey = try TresorProcess.run(["audit", "public-key", "--data-dir", dataDirectory])
        let pemPath = directory.appendingPathComponent("audit.pem").path
        try publicKey.standardOutput.write(toFile: pemPath, atomically: true, encoding: .utf8)

        // No master key anywhere: the file is gone and the environment names none.
        try FileManager.default.moveItem(atPath: dataDirectory + "/master.key", toPath: directory.appendingPathComponent("elsewhere.key").path)
        let keyless = try TresorProcess.run(["audit", "query", "--data-dir", dataDirectory])
        #expect(keyless.exitCode != 0, "the store cannot be opened without the master key")
        let verified = try TresorProcess.run(["audit", "verify", "--data-dir", dataDirectory, "--public-key", pemPath])
        #expect(verified.exitCode == 0, "\(verified.standardError)")
        #expect(verified.standardOutput.contains("OK: 3 entries"))
        #expect(verified.standardOutput.contains("Last checkpoint: entry 3"))

        let json = try TresorProcess.run(["audit", "verify", "--data-dir", dataDirectory, "--public-key", pemPath, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(object["ok"] as? Bool == true)
        #expect(object["entries"] as? Int == 3)

        let otherKey = directory.appendingPathComponent("other.pem").path
        try "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n"
            .write(toFile: otherKey, atomically: true, encoding: .utf8)
        let untrusted = try TresorProcess.run(["audit", "verify", "--data-dir", dataDirectory, "--public-key", otherKey])
        #expect(untrusted.exitCode == 1)
        #expect(untrusted.standardOutput.contains("FAILED: entry 3: bad_signature"))

        let badFile = try TresorProcess.run(["audit", "verify", "--data-dir", dataDirectory, "--public-key", directory.appendingPathComponent("none.pem").path])
        #expect(badFile.exitCode != 0)
        #expect(badFile.standardError.contains("--public-key"))
    }

    @Test("after SIGKILL during a stream of creates, every acknowledged create has its entry and verify passes")
    func crashKeepsEntries() async throws {
        let key = try TresorProcess.initialise(dataDirectory)
        let server = try TresorProcess.serve(dataDirectory)
        let port = try server.listeningPort
        let acknowledged = AcknowledgedIDs()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    var index = 0
                    while true {
                        let email = "w\(worker)-\(index)@example.de"
                        guard let id = try? await Self.create(email: email, port: port, key: key) else { return }
                        acknowledged.add(id)
                        index += 1
                    }
                }
            }
            while acknowledged.count < 120 { try await Task.sleep(for: .milliseconds(5)) }
            server.kill(SIGKILL)
            try await group.waitForAll()
        }

        let ids = acknowledged.all
        #expect(ids.count >= 120)
        let query = try TresorProcess.run(["audit", "query", "--data-dir", dataDirectory, "--action", "customer.create", "--json"])
        #expect(query.exitCode == 0, "\(query.standardError)")
        var logged = Set<String>()
        for line in query.standardOutput.split(separator: "\n") {
            let entry = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            if entry["outcome"] as? String == "ok" { logged.formUnion(entry["subjects"] as? [String] ?? []) }
        }
        let unlogged = ids.subtracting(logged)
        #expect(unlogged.isEmpty, "\(unlogged.count) acknowledged creates have no entry")
        let verify = try TresorProcess.run(["audit", "verify", "--data-dir", dataDirectory])
        #expect(verify.exitCode == 0, "\(verify.standardOutput)")

        // The restarted server serves every acknowledged customer.
        let restarted = try TresorProcess.serve(dataDirectory)
        let restartPort = try restarted.listeningPort
        for id in ids.prefix(20) {
            #expect(try await Self.status(of: "/v2/customers/retrieve/\(id)", port: restartPort, key: key) == 200)
        }
        restarted.kill(SIGTERM)
    }

    /// Creates a customer; its id once the server has answered 200, nil when the server is gone.
    static func create(email: String, port: Int, key: String) async throws -> String? {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/v2/customers/create")!)
        request.httpMethod = "POST"
        request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(#"{"name":"Crash","email":"\#(email)","country":"de"}"#.utf8)
        let (data, response) = try await URLSession.shared.data(for: request)
        guard (response as? HTTPURLResponse)?.statusCode == 200,
              let body = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let customer = body["customer"] as? [String: Any] else { return nil }
        return customer["id"] as? String
    }

    static func status(of path: String, port: Int, key: String) async throws -> Int {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }
}

/// Ids the client saw acknowledged, shared by the client tasks.
final class AcknowledgedIDs: @unchecked Sendable {
    private let lock = NSLock()
    private var ids = Set<String>()

    func add(_ id: String) { lock.withLock { _ = ids.insert(id) } }
    var count: Int { lock.withLock { ids.count } }
    var all: Set<String> { lock.withLock { ids } }
}
