import Foundation
import Hummingbird
import Logging
import TresorCompliance
import TresorCrypto
import TresorDeployment
import TresorHTTP
import TresorJobs
import TresorModel
import TresorStore

/// The webhooks' figures: the outbox's cost on the create rate (one full-payload endpoint against
/// none), and events delivered per second to a receiver on loopback.
struct WebhookBenchmark {
    var seconds: Double
    var progress: (String) -> Void

    static let deliveries = 2_000

    func run() async throws -> [BenchFigure] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-bench-webhooks-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let keyring = try MasterKeyring.generate()
        let plain = try await Deployment.scratchStore(in: directory.appendingPathComponent("plain"), keyring: keyring)
        let hooked = try await Deployment.scratchStore(in: directory.appendingPathComponent("hooked"), keyring: keyring)
        defer {
            try? plain.close()
            try? hooked.close()
        }

        let receiver = try await LoopbackReceiver.start()
        defer { receiver.stop() }
        _ = try await hooked.webhookEndpoints.create(url: "http://127.0.0.1:\(receiver.port)/hook", events: WebhookEvent.allCases,
                                                     country: CountryCode("DE")!, transferBasis: nil, payload: .full)

        // Single creates in the same run: the outbox's cost is one event and one delivery row, and
        // a sealed snapshot of the customer, in the same transaction.
        let creates = try await StoreBenchmark.alternatingCreateRates(hooked, plain, rounds: 10)
        let created = creates.created
        var figures = [BenchFigure(name: "single customer creates with one full-payload webhook endpoint", value: creates.first,
                                   unit: "customers/s", baselineName: "the same creates with no endpoint", baselineValue: creates.second)]

        // Deliveries: queue more events in bulk, then drain the outbox as the server's service does.
        let queued = Self.deliveries - created
        var offset = created
        while offset < created + queued {
            let drafts = StoreBenchmark.drafts(from: offset, count: min(500, created + queued - offset))
            _ = try await hooked.createCustomers(drafts, recording: StoreBenchmark.record)
            offset += drafts.count
        }
        let service = WebhookDeliveryService(outbox: hooked.outbox, endpoints: hooked.webhookEndpoints, residency: .builtIn, destinations: .development,
                                             logger: Logger(label: "tresor.bench"))
        var sent = 0
        let elapsed = try await StoreBenchmark.time {
            while true {
                let batch = try await service.deliverDue()
                if batch == 0 { break }
                sent += batch
            }
        }
        try await service.shutdown()
        guard receiver.received >= Self.deliveries else {
            throw CommandFailure("the loopback receiver got \(receiver.received) of \(Self.deliveries) webhooks")
        }
        figures.append(BenchFigure(name: "webhooks delivered to a loopback receiver (signed, acknowledged, recorded, logged)",
                                   value: Double(sent) / elapsed, unit: "events/s"))
        return figures
    }
}

/// A Hummingbird server on a free loopback port that acknowledges every POST with 204.
final class LoopbackReceiver: @unchecked Sendable {
    let port: Int
    private let counter: Counter
    private let task: Task<Void, any Error>

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func increment() { lock.withLock { count += 1 } }
        var value: Int { lock.withLock { count } }
    }

    var received: Int { counter.value }

    private init(port: Int, counter: Counter, task: Task<Void, any Error>) {
        self.port = port
        self.counter = counter
        self.task = task
    }

    static func start() async throws -> LoopbackReceiver {
        let counter = Counter()
        let router = Router()
        router.post("hook") { _, _ -> HTTPResponse.Status in
            counter.increment()
            return .noContent
        }
        let port = Int.random(in: 50_000..<60_000)
        var logger = Logger(label: "tresor.bench.receiver")
        logger.logLevel = .critical
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
        let task = Task { try await app.runService() }
        try await Task.sleep(for: .milliseconds(300))
        return LoopbackReceiver(port: port, counter: counter, task: task)
    }

    func stop() { task.cancel() }
}
