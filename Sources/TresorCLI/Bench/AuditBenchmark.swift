import Foundation
import TresorCompliance
import TresorCrypto
import TresorDeployment
import TresorModel
import TresorStore

/// The access log's figures: appends alone (one per transaction, and grouped under concurrency),
/// the create rate with logging against without, and verification over a large log.
struct AuditBenchmark {
    var entries: Int
    var seconds: Double
    var progress: (String) -> Void

    static let concurrentWriters = 64
    static let fillBatch = 10_000

    func run() async throws -> [BenchFigure] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-bench-audit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let keyring = try MasterKeyring.generate()
        let logged = try await Deployment.scratchStore(in: directory.appendingPathComponent("logged"), keyring: keyring)
        let unlogged = try await Deployment.scratchStore(in: directory.appendingPathComponent("unlogged"), keyring: keyring, recordingAccess: false)
        defer {
            try? logged.close()
            try? unlogged.close()
        }

        let sequential = try await StoreBenchmark.rate(seconds: seconds / 2) { try await logged.recordAccess(Self.record) }
        let grouped = try await groupedAppendRate(logged)
        var figures = [
            BenchFigure(name: "access-log appends, \(Self.concurrentWriters) concurrent writers (grouped commits)", value: grouped,
                        unit: "entries/s", baselineName: "one writer, one committed transaction each", baselineValue: sequential),
        ]

        // Creates with and without their entry, in the same run.
        let creates = try await StoreBenchmark.alternatingCreateRates(logged, unlogged, rounds: 6)
        figures.append(BenchFigure(name: "single customer creates with their access-log entry", value: creates.first,
                                   unit: "customers/s", baselineName: "the same creates without logging", baselineValue: creates.second))

        try await fill(logged, upTo: entries)
        let reader = logged.accessLogReader
        guard let publicKey = logged.accessLog.signingKey?.publicKey else { throw CommandFailure("no audit signing key") }
        let verifier = try AccessLogVerifier(trustedKeys: [publicKey])
        var verification: AccessLogVerification?
        let verifySeconds = try await StoreBenchmark.time { verification = try verifier.verify(reader) }
        guard let verification, verification.isValid else {
            throw CommandFailure("the benchmark's own log did not verify: \(verification?.failure?.description ?? "no result")")
        }
        let hashRate = try hashOnlyRate(reader)
        figures.append(BenchFigure(name: "access-log entries verified (\(verification.entries) entries, target ≥ 500,000/s)",
                                   value: Double(verification.entries) / verifySeconds, unit: "entries/s",
                                   baselineName: "SHA-256 chain over the same bytes in memory", baselineValue: hashRate))
        return figures
    }

    static let record = AccessRecord(actor: AccessActor(kind: .system, id: "bench", name: "tresor bench"), action: "customer.view",
                                     subjects: [UUID()], fields: ["name", "email"], purpose: "benchmark", requestID: "bench")

    private func groupedAppendRate(_ store: any CustomerStore) async throws -> Double {
        let total = Self.concurrentWriters * 200
        let elapsed = try await StoreBenchmark.time {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<Self.concurrentWriters {
                    group.addTask { for _ in 0..<200 { try await store.recordAccess(Self.record) } }
                }
                try await group.waitForAll()
            }
        }
        return Double(total) / elapsed
    }

    /// Appends entries in large transactions until the log holds `target`.
    private func fill(_ store: any CustomerStore, upTo target: Int) async throws {
        var count = try await store.accessLogReader.summary().entries
        while count < target {
            let batch = min(Self.fillBatch, target - count)
            try await store.accessLog.append(contentsOf: (0..<batch).map { _ in Self.record.with(subjects: [UUID()]) })
            count += batch
            if count % 200_000 < Self.fillBatch { progress("access log: \(count) of \(target) entries") }
        }
    }

    /// The chain's SHA-256 work alone, over the stored bytes already in memory.
    private func hashOnlyRate(_ reader: AccessLogReader) throws -> Double {
        var entries: [[UInt8]] = []
        try reader.walk(checkpoints: { _ in }, entries: { row in
            if entries.count < 200_000 { entries.append(Array(row.entry)) }
        }, subjectIndex: { _, _ in })
        let clock = ContinuousClock()
        let start = clock.now
        var previous = AccessLogEncoding.genesisHash
        for entry in entries { previous = try AccessLogEncoding.chainHash(previous: previous, entry: entry) }
        let elapsed = start.duration(to: clock.now)
        return Double(entries.count) / elapsed.seconds
    }
}
