import Foundation
import TresorCrypto
import TresorDeployment
import TresorModel
import TresorService
import TresorStore

/// The erasure figure: customers erased through the bulk remove operation (what
/// `POST /v2/customers/bulk/remove` calls, 1,000 ids per call), beside deleting the same rows and
/// keys plainly in a baseline store.
struct ErasureBenchmark {
    var customers: Int
    var progress: (String) -> Void

    static let perCall = TresorService.maximumBulkIDs

    func run() async throws -> [BenchFigure] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-bench-erasure-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await Deployment.scratchStore(in: directory.appendingPathComponent("store"), keyring: try MasterKeyring.generate())
        defer { try? store.close() }
        let baseline = try Deployment.scratchBaseline(in: directory.appendingPathComponent("baseline"))
        defer { try? baseline.close() }

        var ids: [UUID] = []
        var baselineIDs: [UUID] = []
        for start in stride(from: 0, to: customers, by: StoreBenchmark.batchSize) {
            let drafts = StoreBenchmark.drafts(from: start, count: min(StoreBenchmark.batchSize, customers - start))
            ids += try await StoreBenchmark.createAll(drafts, in: store)
            let validated = try drafts.map { try $0.validated(id: UUID(), now: 1_780_000_000) }
            try await baseline.insert(validated, now: 1_780_000_000)
            baselineIDs += validated.map(\.id)
        }
        progress("erasure: \(customers) customers loaded")

        let service = TresorService(store: store)
        let request = RequestInfo.operator(command: "bench", purpose: "benchmark")
        var erased = 0
        let erasureSeconds = try await StoreBenchmark.time {
            for start in stride(from: 0, to: ids.count, by: Self.perCall) {
                let outcomes = try await service.bulkDeleteCustomers(ids: Array(ids[start..<min(start + Self.perCall, ids.count)]), request: request)
                erased += outcomes.filter { $0.status == .done }.count
            }
        }
        guard erased == customers else { throw CommandFailure("erased \(erased) of \(customers) customers") }
        let baselineSeconds = try await StoreBenchmark.time {
            for start in stride(from: 0, to: baselineIDs.count, by: Self.perCall) {
                try await baseline.delete(Array(baselineIDs[start..<min(start + Self.perCall, baselineIDs.count)]))
            }
        }
        return [
            BenchFigure(name: "erasing \(customers) customers through bulk remove, \(Self.perCall) per call (took \(String(format: "%.1f", erasureSeconds)) s; target < 30 s for 10,000)",
                        value: Double(customers) / erasureSeconds, unit: "customers/s",
                        baselineName: "plain DELETE of the same rows and keys (no ledger, certificate, log or checkpoint)",
                        baselineValue: Double(customers) / baselineSeconds),
        ]
    }
}
