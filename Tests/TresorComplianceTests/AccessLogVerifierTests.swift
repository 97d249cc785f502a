import Foundation
import Testing
import TresorCompliance
import TresorCrypto
import TresorModel
import TresorStore
import TresorTestSupport

/// Tampering with a real database file, each kind detected by `verify` at the right entry.
/// Every test starts from 35 entries with a checkpoint every 10 (at 10, 20 and 30).
@Suite("access log verification")
struct AccessLogVerifierTests {
    static func filledLog() async throws -> AccessLogFixture {
        let fixture = try await AccessLogFixture(checkpointEvery: 10)
        try await fixture.appendReads(35)
        return fixture
    }

    @Test("an intact log verifies, with counts, the last checkpoint and the uncovered tail")
    func intact() async throws {
        let fixture = try await Self.filledLog()
        let result = try fixture.verify()
        #expect(result.isValid)
        #expect(result.entries == 35)
        #expect(result.checkpointsVerified == 3)
        #expect(result.lastCheckpoint?.sequence == 30)
        #expect(result.uncoveredEntries == 5)
        #expect(try await fixture.store.accessLog.checkpointIfDue(force: true)?.sequence == 35)
        #expect(try fixture.verify().uncoveredEntries == 0)
    }

    @Test("a changed field in any entry is named by its sequence number",
          arguments: [(Int64(1), "testing"), (10, "customer.view"), (17, "req_16"), (30, "test key"), (35, "email")])
    func changedField(sequence: Int64, text: String) async throws {
        let fixture = try await Self.filledLog()
        var bytes = try fixture.entryBytes(sequence)
        let range = try #require(bytes.firstRange(of: Array(text.utf8)))
        bytes[range.lowerBound] ^= 0x01
        try fixture.tamper("UPDATE access_log SET entry = ? WHERE seq = ?", arguments: [.blob(Data(bytes)), .integer(sequence)])
        let failure = try #require(try fixture.verify().failure)
        #expect(failure.sequence == sequence)
        #expect(failure.kind == .changed)
    }

    @Test("a changed subject or time column is detected")
    func changedSubjectAndTime() async throws {
        let fixture = try await Self.filledLog()
        var bytes = try fixture.entryBytes(8)
        bytes[21] ^= 0xFF // first byte of the first subject
        try fixture.tamper("UPDATE access_log SET entry = ? WHERE seq = 8", arguments: [.blob(Data(bytes))])
        #expect(try fixture.verify().failure?.sequence == 8)
        #expect(try fixture.verify().failure?.kind == .changed)

        let other = try await Self.filledLog()
        try other.tamper("UPDATE access_log SET time = time - 5 WHERE seq = 4")
        #expect(try other.verify().failure?.sequence == 4)
        #expect(try other.verify().failure?.kind == .changed)
    }

    @Test("a deleted entry is reported missing at its sequence number")
    func deletedEntry() async throws {
        let fixture = try await Self.filledLog()
        try fixture.tamper("DELETE FROM access_log WHERE seq = 17")
        let failure = try #require(try fixture.verify().failure)
        #expect(failure.sequence == 17)
        #expect(failure.kind == .missing)
    }

    @Test("two swapped entries are reported reordered at the first of them")
    func swappedEntries() async throws {
        let fixture = try await Self.filledLog()
        try fixture.tamper("""
            UPDATE access_log SET seq = -1 WHERE seq = 12;
            UPDATE access_log SET seq = 12 WHERE seq = 13;
            UPDATE access_log SET seq = 13 WHERE seq = -1;
            """)
        let failure = try #require(try fixture.verify().failure)
        #expect(failure.sequence == 12)
        #expect(failure.kind == .reordered)
    }

    @Test("a truncated tail is reported as uncovered after the last checkpoint, and as missing when a checkpoint covered it")
    func truncatedTail() async throws {
        let fixture = try await Self.filledLog()
        try fixture.tamper("DELETE FROM access_log WHERE seq > 34")
        let cut = try #require(try fixture.verify().failure)
        #expect(cut.sequence == 35)
        #expect(cut.kind == .missing)

        // Cut with the index rows too: nothing signed covers the tail, so it is only reported uncovered.
        try fixture.tamper("DELETE FROM access_log WHERE seq > 32; DELETE FROM access_log_subjects WHERE seq > 32")
        let uncovered = try fixture.verify()
        #expect(uncovered.isValid)
        #expect(uncovered.entries == 32)
        #expect(uncovered.uncoveredEntries == 2)

        try fixture.tamper("DELETE FROM access_log WHERE seq > 25")
        let failure = try #require(try fixture.verify().failure)
        #expect(failure.sequence == 26)
        #expect(failure.kind == .missing)
    }

    @Test("a forged checkpoint signature is named at the checkpoint")
    func forgedSignature() async throws {
        let fixture = try await Self.filledLog()
        try fixture.tamper("UPDATE access_log_checkpoints SET signature = randomblob(64) WHERE seq = 20")
        let failure = try #require(try fixture.verify().failure)
        #expect(failure.sequence == 20)
        #expect(failure.kind == .badSignature)
    }

    @Test("checkpoints signed by a key the auditor does not trust fail")
    func untrustedKey() async throws {
        let fixture = try await Self.filledLog()
        let failure = try #require(try fixture.verify(keys: [try Ed25519PrivateKey().publicKey]).failure)
        #expect(failure.sequence == 10)
        #expect(failure.kind == .badSignature)
    }

    @Test("a rewritten chain (every later hash recomputed) fails at the next signed checkpoint")
    func rewrittenChain() async throws {
        let fixture = try await Self.filledLog()
        var previous = Array(SQLiteFile.bytes(hex: try #require(try SQLiteFile.scalar(fixture.dataFile, "SELECT hash FROM access_log WHERE seq = 4"))))
        for row in try SQLiteFile.rows(fixture.dataFile, "SELECT seq, entry FROM access_log WHERE seq >= 5 ORDER BY seq") {
            var entry = try AccessLogEncoding.decode(Array(SQLiteFile.bytes(hex: row[1])))
            if entry.sequence == 5 { entry.record.outcome = .denied }
            let bytes = AccessLogEncoding.encode(entry)
            previous = try AccessLogEncoding.chainHash(previous: previous, entry: bytes)
            try fixture.tamper("UPDATE access_log SET entry = ?, hash = ? WHERE seq = ?",
                               arguments: [.blob(Data(bytes)), .blob(Data(previous)), .integer(try #require(Int64(row[0])))])
        }
        let failure = try #require(try fixture.verify().failure)
        #expect(failure.sequence == 10)
        #expect(failure.kind == .checkpointMismatch)
    }

    @Test("a changed subject index (which would hide entries from queries by customer) is detected")
    func subjectIndex() async throws {
        let fixture = try await Self.filledLog()
        try fixture.tamper("DELETE FROM access_log_subjects WHERE seq = 7")
        #expect(try fixture.verify().failure?.kind == .indexMismatch)
    }

    @Test("pruning keeps the anchor checkpoint, so the rest verifies; deleting the anchor does not")
    func pruning() async throws {
        let fixture = try await Self.filledLog()
        let removed = try await fixture.store.accessLog.prune(olderThan: Int64.max)
        #expect(removed == 30)
        try await fixture.appendReads(3)
        let result = try fixture.verify()
        #expect(result.isValid)
        #expect(result.anchor?.sequence == 30)
        #expect(result.entries == 8)
        #expect(result.firstSequence == 31)

        try fixture.tamper("DELETE FROM access_log_checkpoints WHERE seq = 30")
        #expect(try fixture.verify().failure?.kind == .missing)
    }

    @Test("concurrent appends share transactions yet stay one gapless chain")
    func concurrentAppends() async throws {
        let fixture = try await AccessLogFixture(checkpointEvery: 50)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<200 {
                group.addTask { try await fixture.store.recordAccess(AccessLogFixture.record(index)) }
            }
            try await group.waitForAll()
        }
        let result = try fixture.verify()
        #expect(result.isValid)
        #expect(result.entries == 200)
        #expect(result.checkpointsVerified == 4)
    }

    @Test("an entry decodes to what was recorded")
    func roundTrip() throws {
        let record = AccessRecord(actor: AccessActor(kind: .apiKey, id: "key_1", name: "Shop, \"main\"", role: "support-agent",
                                                     teammate: UUID().uuidString.lowercased()),
                                  action: "customer.update", subjects: [UUID(), UUID()], fields: ["email", "phone"],
                                  purpose: "customer-support", requestID: "req_1", outcome: .denied, recipient: "endpoint 1 (hooks.example.com, DE)")
        let entry = AccessLogEntry(sequence: 42, time: 1_780_000_000_123, record: record)
        let bytes = AccessLogEncoding.encode(entry)
        #expect(try AccessLogEncoding.decode(bytes) == entry)
        #expect(bytes.withUnsafeBytes { AccessLogEncoding.subjects(of: $0) } == record.subjects)
        #expect(throws: AccessLogFormatError.self) { try AccessLogEncoding.decode(Array(bytes.dropLast())) }
    }
}
