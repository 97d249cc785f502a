import Foundation
import Testing
import TresorCompliance
import TresorStore
import TresorTestSupport

/// `Tests/interop/verify_access_log.py`, written from Docs/access-log.md with Python's sqlite3 and
/// `cryptography`, agrees with `tresor audit verify` on a log Tresor wrote: the documented format
/// is enough for an auditor's own tools.
@Suite("access log, independent verifier")
struct IndependentVerifierTests {
    @Test("the Python verifier accepts Tresor's log, and names the same entry when one is changed")
    func pythonAgrees() async throws {
        let fixture = try await AccessLogFixture(checkpointEvery: 7)
        try await fixture.appendReads(30)
        try await fixture.store.accessLog.checkpointIfDue(force: true)
        let pem = fixture.directory.appendingPathComponent("audit.pem")
        try fixture.publicKey.pemRepresentation.write(to: pem, atomically: true, encoding: .utf8)

        let intact = try Self.runPython(fixture, pem: pem)
        #expect(intact["ok"] as? Bool == true)
        #expect(intact["entries"] as? Int == 30)
        #expect(intact["checkpoints"] as? Int == 5)

        var bytes = try fixture.entryBytes(12)
        bytes[bytes.count - 2] ^= 0x20
        try fixture.tamper("UPDATE access_log SET entry = ? WHERE seq = 12", arguments: [.blob(Data(bytes))])
        let changed = try Self.runPython(fixture, pem: pem)
        #expect(changed["ok"] as? Bool == false)
        #expect(changed["sequence"] as? Int == 12)
        #expect(try fixture.verify().failure?.sequence == 12)
    }

    static func runPython(_ fixture: AccessLogFixture, pem: URL) throws -> [String: Any] {
        let result = try ChildProcess.run(try PythonTools.python, [ChildProcess.testsFile("interop/verify_access_log.py"),
                                                      fixture.directory.appendingPathComponent("tresor.sqlite").path, pem.path])
        try #require(result.exitCode == 0, "verify_access_log.py failed (pip install cryptography): \(result.standardError)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    }
}
