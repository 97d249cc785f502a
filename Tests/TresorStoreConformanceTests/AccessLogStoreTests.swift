import Foundation
import Testing
import TresorModel
import TresorStore
import TresorStoreTestSupport

@Suite("Store: the access log")
struct AccessLogStoreTests {
    static func record(_ index: Int, subjects: [UUID]) -> AccessRecord {
        AccessRecord(actor: AccessActor(kind: .apiKey, id: "key_test", name: "test key", role: "admin"), action: "customer.view",
                     subjects: subjects, fields: ["name"], purpose: "testing", requestID: "req_\(index)")
    }

    @Test("entries are appended in order, found by subject and action, counted, and chained for verification", arguments: StoreBackend.allCases)
    func appendAndRead(backend: StoreBackend) async throws {
        let fixture = try await ConformanceFixture(backend)
        let anna = UUID(), bert = UUID()
        try await fixture.store.recordAccess(Self.record(1, subjects: [anna]))
        try await fixture.store.accessLog.append(Self.record(2, subjects: [bert]))
        try await fixture.store.accessLog.append(contentsOf: [Self.record(3, subjects: [anna, bert]), Self.record(4, subjects: [])])

        var all: [AccessLogEntry] = []
        try await fixture.store.forEachAccessLogEntry(AccessLogQuery()) { all.append($0); return true }
        #expect(all.map(\.record.requestID) == ["req_1", "req_2", "req_3", "req_4"])
        #expect(all.map(\.sequence) == [1, 2, 3, 4])
        #expect(all.allSatisfy { $0.time == fixture.clock.now * 1000 })
        #expect(try await fixture.store.accessLogEntryCount(subject: anna) == 2)

        let reader = fixture.store.accessLogReader
        #expect(try await reader.entryCount(subject: bert) == 2)
        let page = try await reader.entries(AccessLogQuery(subject: anna), limit: 1)
        #expect(page.entries.map(\.record.requestID) == ["req_1"] && page.hasMore)
        var first: [AccessLogEntry] = []
        try await reader.forEach(AccessLogQuery(action: "customer.view")) { first.append($0); return first.count < 2 }
        #expect(first.count == 2, "stops when the body says so")

        var walked: [Int64] = []
        var indexed = 0
        try reader.walk(checkpoints: { _ in }, entries: { walked.append($0.sequence) }, subjectIndex: { _, _ in indexed += 1 })
        #expect(walked == [1, 2, 3, 4] && indexed == 4)
    }

    @Test("checkpoints are signed with the deployment's key, and pruning keeps the newest checkpoint before the cutoff as anchor",
          arguments: StoreBackend.allCases)
    func checkpointsAndPruning(backend: StoreBackend) async throws {
        let fixture = try await ConformanceFixture(backend)
        let log = fixture.store.accessLog
        #expect(log.checkpointPolicy == AccessLogCheckpointPolicy(), "the default: every 1,000 entries or 60 seconds")
        let signingKey = try #require(log.signingKey)
        #expect(try await fixture.store.accessLogReader.storedPublicKeys()[signingKey.id] == signingKey.publicKey)
        #expect(try await log.checkpointIfDue(force: true) == nil, "nothing to sign")
        for index in 1...3 { try await fixture.store.recordAccess(Self.record(index, subjects: [UUID()])) }
        let checkpoint = try #require(try await log.checkpointIfDue(force: true))
        #expect(checkpoint.sequence == 3 && checkpoint.keyID == signingKey.id)
        #expect(try await fixture.store.accessLogReader.summary().entries == 3)
        #expect(try await fixture.store.accessLogReader.summary().lastCheckpoint == checkpoint)

        fixture.clock.advance(by: 10)
        try await fixture.store.recordAccess(Self.record(4, subjects: [UUID()]))
        #expect(try await log.prune(olderThan: fixture.clock.now * 1000) == 3)
        var left: [Int64] = []
        try await fixture.store.forEachAccessLogEntry(AccessLogQuery()) { left.append($0.sequence); return true }
        #expect(left == [4])
    }
}
