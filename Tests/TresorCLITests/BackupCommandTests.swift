import Foundation
import Testing
import TresorTestSupport

/// `tresor backup` and `tresor restore` as an admin runs them, beside a live server: a backup
/// taken before an erasure never brings the erased customer back.
@Suite("tresor backup and restore")
struct BackupCommandTests {
    @Test("back up (with keys) while serving, erase, restore the old backup: the customer is absent everywhere and its key gone")
    func restoreNeverResurrects() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-backup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let live = directory.appendingPathComponent("live").path
        let backup = directory.appendingPathComponent("backup").path
        let restored = directory.appendingPathComponent("restored")
        let key = try TresorProcess.initialise(live)
        var server = try TresorProcess.serve(live)
        var api = APIClient(port: try server.listeningPort, key: key)
        let marker = "QZBACKUP9"
        let erased = try await api.send("POST", "/v2/customers/create", ["name": "Erna\(marker)", "email": "erna@example.de", "country": "de",
                                                                          "billing_addresses": [["name": "Bill\(marker)", "country": "de", "address": "Weg 1", "city": "Kiel"]]])
        try #require(erased.status == 200, "\(erased.body)")
        let erasedID = try #require((erased.body["customer"] as? [String: Any])?["id"] as? String)
        let kept = try await api.send("POST", "/v2/customers/create", ["name": "Karl", "email": "karl@example.de", "country": "at"])
        let keptID = try #require((kept.body["customer"] as? [String: Any])?["id"] as? String)

        let backedUp = try TresorProcess.run(["backup", "--data-dir", live, "--out", backup, "--with-keys"])
        #expect(backedUp.exitCode == 0, "\(backedUp.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: backup).sorted()
            == ["backup.json", "erasure-ledger.jsonl", "keys.sqlite.sealed", "tresor.sqlite"])
        #expect(try Self.sqlite(backup + "/tresor.sqlite", "SELECT count(*) FROM customers WHERE id = ?", erasedID) == "1", "the backup holds the customer")
        #expect(try Self.files(in: URL(fileURLWithPath: backup), containing: marker).isEmpty, "the backup holds ciphertext only")
        #expect(try await api.send("DELETE", "/v2/customers/\(erasedID)", nil).status == 200)
        server.kill(SIGTERM)

        // The old data file beside the newer ledger refuses to open.
        let stale = directory.appendingPathComponent("stale")
        try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
        for (source, name) in [(backup + "/tresor.sqlite", "tresor.sqlite"), (live + "/erasure-ledger.jsonl", "erasure-ledger.jsonl"),
                               (live + "/master.key", "master.key")] {
            try FileManager.default.copyItem(atPath: source, toPath: stale.appendingPathComponent(name).path)
        }
        let refused = try TresorProcess.run(["erasure", "list", "--data-dir", stale.path])
        #expect(refused.exitCode != 0 && refused.standardError.contains("has not applied"), "\(refused.standardError)")

        // Restore into a new directory with the live ledger: the erasure is replayed.
        try FileManager.default.createDirectory(at: restored, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: live + "/master.key", toPath: restored.appendingPathComponent("master.key").path)
        let noLedger = try TresorProcess.run(["restore", backup, "--data-dir", restored.path])
        #expect(noLedger.exitCode != 0 && noLedger.standardError.contains("--ledger"))
        // The live ledger put into the new directory: the command as the issue gives it.
        try FileManager.default.copyItem(atPath: live + "/erasure-ledger.jsonl", toPath: restored.appendingPathComponent("erasure-ledger.jsonl").path)
        let restore = try TresorProcess.run(["restore", backup, "--data-dir", restored.path])
        #expect(restore.exitCode == 0, "\(restore.standardError)")
        #expect(restore.standardOutput.contains("1 erasure(s) replayed"))
        #expect(try TresorProcess.run(["restore", backup, "--data-dir", restored.path, "--ledger", live + "/erasure-ledger.jsonl"]).exitCode != 0,
                "a directory that holds data is not overwritten")

        server = try TresorProcess.serve(restored.path)
        api = APIClient(port: try server.listeningPort, key: key)
        #expect(try await api.send("GET", "/v2/customers/retrieve/\(erasedID)", nil).status == 404)
        #expect(try await api.send("GET", "/v2/customers/retrieve/\(keptID)", nil).body["customer"] != nil, "the other customer is restored, readable")
        let listed = try await api.send("GET", "/v2/customers/list?include_leads=true", nil).body["customers"] as? [[String: Any]]
        #expect(listed?.compactMap { $0["id"] as? String } == [keptID])
        #expect((try await api.send("GET", "/v2/customers/list?email=erna@example.de", nil).body["customers"] as? [Any])?.isEmpty == true)
        #expect(try await api.send("POST", "/v2/compliance/exports", ["customer_id": erasedID]).status == 404)
        #expect(try await api.send("POST", "/v2/compliance/exports", ["email": "erna@example.de"]).status == 404)
        server.kill(SIGTERM)

        // Its rows and key are gone from the restored files, so its ciphertext in the backup cannot be opened with them.
        #expect(try Self.sqlite(restored.appendingPathComponent("tresor.sqlite").path, "SELECT count(*) FROM customers WHERE id = ?", erasedID) == "0")
        #expect(try Self.sqlite(restored.appendingPathComponent("keys.sqlite").path, "SELECT count(*) FROM subject_keys WHERE subject_id = ?", erasedID) == "0")
        #expect(try Self.sqlite(restored.appendingPathComponent("keys.sqlite").path, "SELECT count(*) FROM subject_keys WHERE subject_id = ?", keptID) == "1")
        #expect(try Self.files(in: restored, containing: marker).isEmpty)
        #expect(try TresorProcess.run(["audit", "verify", "--data-dir", restored.path]).exitCode == 0)
    }

    /// The one value a query prints, through Python's sqlite3 (an independent reader).
    static func sqlite(_ path: String, _ query: String, _ argument: String) throws -> String {
        let script = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); print(c.execute(sys.argv[2], (sys.argv[3],)).fetchone()[0])"
        let result = try ChildProcess.run(try PythonTools.python, ["-c", script, path, query, argument])
        try #require(result.exitCode == 0, "\(result.standardError)")
        return result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func files(in directory: URL, containing marker: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { name in
            (FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) ?? Data()).range(of: Data(marker.utf8)) != nil
        }
    }
}
