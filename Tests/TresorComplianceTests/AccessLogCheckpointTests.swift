import Foundation
import Testing
import TresorCompliance
import TresorCrypto
import TresorDeployment
import TresorModel
import TresorStore

/// Checkpoints come every N entries or after T seconds, whichever is first; the server's
/// maintenance signs the time-based ones and a last one on shutdown.
@Suite("access log checkpoints")
struct AccessLogCheckpointTests {
    @Test("a checkpoint is due after the policy's seconds with uncovered entries, not before, and not without entries")
    func dueByTime() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-checkpoint-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = MillisecondClock()
        let store = try await Deployment(directory: directory, clock: WallClock { clock.now })
            .openStore(checkpoints: .init(entries: 1_000, seconds: 60), keyring: try MasterKeyring.generate())
        defer { try? store.close() }
        let log = store.accessLog

        #expect(try await log.checkpointIfDue() == nil, "no entries: nothing to sign")
        try await store.recordAccess(AccessLogFixture.record(1))
        #expect(try await log.checkpointIfDue()?.sequence == 1, "the first checkpoint is due at once")
        try await store.recordAccess(AccessLogFixture.record(2))
        clock.advance(by: 59_000)
        #expect(try await log.checkpointIfDue() == nil, "59 s after the last checkpoint: not yet")
        clock.advance(by: 1_000)
        let checkpoint = try #require(try await log.checkpointIfDue())
        #expect(checkpoint.sequence == 2)
        #expect(checkpoint.time == clock.now)
        clock.advance(by: 120_000)
        #expect(try await log.checkpointIfDue() == nil, "every entry covered: nothing to sign")
        #expect(try await log.checkpointIfDue(force: true) == nil)
    }

    @Test("entries get the log's time, which never runs backwards even when the clock does")
    func monotonicTime() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-time-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = MillisecondClock()
        let store = try await Deployment(directory: directory, clock: WallClock { clock.now }).openStore(keyring: try MasterKeyring.generate())
        defer { try? store.close() }
        try await store.recordAccess(AccessLogFixture.record(1))
        clock.advance(by: -5_000)
        try await store.recordAccess(AccessLogFixture.record(2))
        let entries = try await store.accessLogReader.entries(AccessLogQuery(), limit: 10).entries
        #expect(entries.map(\.time) == [1_780_000_000_000, 1_780_000_000_000])
    }
}

/// A millisecond clock tests can move.
final class MillisecondClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int64 = 1_780_000_000_000

    var now: Int64 { lock.withLock { value } }

    func advance(by milliseconds: Int64) { lock.withLock { value += milliseconds } }
}
