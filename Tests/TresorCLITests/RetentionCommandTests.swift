import Foundation
import Testing
import TresorTestSupport

/// `tresor retention run` when a legal hold's stored end date does not decode: it erases nothing,
/// names the hold, and the access log says why (issue 16). Before, such a date read as 1970-01-01
/// and the retained copy a court or the tax office requires was erased.
@Suite("tresor retention")
struct RetentionCommandTests {
    @Test("a corrupt hold end date: retention run erases nothing, names table, column and hold, logs the failure; once repaired it runs")
    func corruptHoldDateErasesNothing() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-retention-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let dataDirectory = directory.appendingPathComponent("data").path
        let database = dataDirectory + "/tresor.sqlite"
        let key = try TresorProcess.initialise(dataDirectory)
        let server = try TresorProcess.serve(dataDirectory)
        let created = try await APIClient(port: try server.listeningPort, key: key).send("POST", "/v2/customers/create", [
            "name": "Hanna", "email": "hanna@example.de", "country": "de",
            "billing_addresses": [["name": "Hanna", "country": "de", "address": "Weg 1", "city": "Kiel"]],
        ])
        let customerID = try #require((created.body["customer"] as? [String: Any])?["id"] as? String)
        server.kill(SIGTERM)

        let held = try TresorProcess.run(["retention", "hold", customerID, "--data-dir", dataDirectory, "--category", "billing_addresses",
                                          "--legal-basis", "AO §147", "--purpose", "invoicing", "--until", "2099-12-31"])
        #expect(held.exitCode == 0, "\(held.standardError)")
        let holdID = try #require(held.standardOutput.split(separator: " ").dropFirst(2).first.map(String.init))
        let requested = try TresorProcess.run(["erasure", "request", "--data-dir", dataDirectory, "--customer", customerID, "--channel", "email"])
        let requestID = try #require(requested.standardOutput.split(separator: " ").dropFirst().first.map { String($0.dropLast()) }, "\(requested.standardError)")
        #expect(try TresorProcess.run(["erasure", "approve", requestID, "--data-dir", dataDirectory, "--identity-verification", "account login"]).exitCode == 0)
        #expect(try TresorProcess.run(["erasure", "execute", requestID, "--data-dir", dataDirectory]).exitCode == 0)
        let retainedQuery = "SELECT count(*) FROM legal_holds WHERE id = ? AND status = 'retained' AND retained IS NOT NULL"
        #expect(try Self.sqlite(database, retainedQuery, holdID) == "1", "the erasure retained the billing addresses")

        // A date that is no date, which an earlier release read as 1970-01-01 and so as long expired.
        _ = try Self.sqlite(database, "UPDATE legal_holds SET until_day = '0000-13-45' WHERE id = ?", holdID)
        let run = try TresorProcess.run(["retention", "run", "--data-dir", dataDirectory])
        #expect(run.exitCode != 0)
        #expect(run.standardError.contains("legal_holds.until_day") && run.standardError.contains(holdID), "\(run.standardError)")
        #expect(!run.standardError.contains("0000-13-45"), "the message names where, never the value")
        #expect(try Self.sqlite(database, retainedQuery, holdID) == "1", "the retained copy is still there")
        #expect(try Self.sqlite(database, "SELECT count(*) FROM erasure_ledger WHERE hold_id = ?", holdID) == "0")

        let log = try TresorProcess.run(["audit", "query", "--data-dir", dataDirectory, "--action", "retention.run", "--json"])
        let entries = log.standardOutput.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let failed = try #require(entries.last, "\(log.standardOutput) \(log.standardError)")
        #expect(failed["outcome"] as? String == "error")
        #expect((failed["fields"] as? [String])?.contains("unreadable:legal_holds.until_day") == true, "\(failed)")

        // Repaired (the day has passed): the same job now ends the hold and erases the copy.
        _ = try Self.sqlite(database, "UPDATE legal_holds SET until_day = '2001-01-01' WHERE id = ?", holdID)
        let repaired = try TresorProcess.run(["retention", "run", "--data-dir", dataDirectory])
        #expect(repaired.exitCode == 0 && repaired.standardOutput.contains("1 hold(s) ended"), "\(repaired.standardError)")
        #expect(try Self.sqlite(database, retainedQuery, holdID) == "0")
    }

    /// Runs one statement on the data file with Python's sqlite3 (as an administrator with the
    /// file at hand would) and returns the first column of the first row, if any.
    static func sqlite(_ path: String, _ statement: String, _ argument: String) throws -> String {
        let script = """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1]); r = c.execute(sys.argv[2], (sys.argv[3],)).fetchone(); c.commit()
            print(r[0] if r else "")
            """
        let result = try ChildProcess.run(try PythonTools.python, ["-c", script, path, statement, argument])
        try #require(result.exitCode == 0, "\(result.standardError)")
        return result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
