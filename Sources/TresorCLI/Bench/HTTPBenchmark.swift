import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import TresorCompliance
import TresorCrypto
import TresorDeployment
import TresorHTTP
import TresorModel
import TresorService
import TresorStore

/// The HTTP figures: `GET /v2/customers/retrieve/{id}` (authentication, scope check, decryption,
/// an access-log entry per read) against `GET /healthz` on the same server in the same run, each
/// driven by 32 concurrent keep-alive connections from an in-process client. Beside them,
/// `GET /v2/mailing-lists/retrieve/{id}`: authentication, one small row read and its access-log
/// entry, nothing to decrypt — the floor that every logged read shares (Docs/performance.md).
struct HTTPBenchmark {
    var seconds: Double
    var progress: (String) -> Void

    static let connections = 32
    static let customers = 1_000

    func run() async throws -> [BenchFigure] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-bench-http-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await Deployment.scratchStore(in: directory, keyring: try MasterKeyring.generate())
        defer { try? store.close() }
        var ids: [UUID] = []
        for start in stride(from: 0, to: Self.customers, by: StoreBenchmark.batchSize) {
            ids += try await StoreBenchmark.createAll(StoreBenchmark.drafts(from: start, count: StoreBenchmark.batchSize), in: store)
        }
        let key = try await store.apiKeys.create(name: "bench", roleName: "admin", reach: .all).secret
        // The shipped support-agent role masks email, phone, addresses and VAT and hides three
        // fields; unnarrowed here so that it reads the same customers as the admin key.
        let maskingKey = try await store.apiKeys.create(name: "bench masked", roleName: "support-agent", reach: .all).secret
        let list = try await store.createMailingList(name: "bench").id.lowercaseText
        let port = Int.random(in: 20_000..<30_000)
        var logger = Logger(label: "tresor.bench")
        logger.logLevel = .critical
        let app = buildApplication(service: TresorService(store: store), apiKeys: store.apiKeys, policies: try PolicySet.load(directory: nil),
                                   port: port, logger: logger)
        let server = Task { try await app.runService() }
        defer { server.cancel() }
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(connectionPool: .init(idleTimeout: .seconds(30))))
        let customerIDs = ids
        let measured: Result<(Double, Double, Double, Double), any Error>
        do {
            try await waitUntilListening(client, port: port)
            progress("http: \(customerIDs.count) customers, \(Self.connections) connections, \(seconds) s per measurement")
            // Alternate the measurements twice, so drift on a shared machine hits both alike; the
            // two retrieves compared with each other run side by side, in the opposite order the
            // second time (the access log grows as they run, and the later one would pay for it).
            var health = 0.0, retrieve = 0.0, loggedRead = 0.0, masked = 0.0
            func retrieves(_ secret: String) async throws -> Double {
                try await rate(client, authorization: "Bearer \(secret)") { index in
                    "http://127.0.0.1:\(port)/v2/customers/retrieve/\(customerIDs[index % customerIDs.count].lowercaseText)"
                }
            }
            for round in 0..<2 {
                health += try await rate(client) { _ in "http://127.0.0.1:\(port)/healthz" }
                if round == 0 {
                    retrieve += try await retrieves(key)
                    masked += try await retrieves(maskingKey)
                } else {
                    masked += try await retrieves(maskingKey)
                    retrieve += try await retrieves(key)
                }
                loggedRead += try await rate(client, authorization: "Bearer \(key)") { _ in
                    "http://127.0.0.1:\(port)/v2/mailing-lists/retrieve/\(list)"
                }
            }
            measured = .success((health, retrieve, loggedRead, masked))
        } catch {
            measured = .failure(error)
        }
        try await client.shutdown()
        let (health, retrieve, loggedRead, masked) = try measured.get()
        return [
            BenchFigure(name: "HTTP retrieve (auth, decrypt, access-log entry), \(Self.connections) connections", value: retrieve / 2,
                        unit: "req/s", baselineName: "GET /healthz on the same server", baselineValue: health / 2, targetRatio: 0.5),
            BenchFigure(name: "HTTP mailing-list retrieve (auth, one row, access-log entry), \(Self.connections) connections",
                        value: loggedRead / 2, unit: "req/s", baselineName: "GET /healthz on the same server", baselineValue: health / 2),
            BenchFigure(name: "HTTP retrieve by a masking role (support-agent: masks and withholds per roles.yaml)", value: masked / 2,
                        unit: "req/s", baselineName: "HTTP retrieve by the admin role", baselineValue: retrieve / 2, targetRatio: 0.9),
        ]
    }

    private func waitUntilListening(_ client: HTTPClient, port: Int) async throws {
        for _ in 0..<100 {
            if (try? await client.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/healthz"), timeout: .seconds(1)))?.status == .ok { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw CommandFailure("the benchmark server did not start on port \(port)")
    }

    /// Requests per second over `seconds`, from `connections` concurrent loops; any answer but 200 fails the run.
    private func rate(_ client: HTTPClient, authorization: String? = nil, url: @escaping @Sendable (Int) -> String) async throws -> Double {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        let started = ContinuousClock.now
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for worker in 0..<Self.connections {
                group.addTask {
                    var done = 0
                    while ContinuousClock.now < deadline {
                        var request = HTTPClientRequest(url: url(worker * 7919 + done))
                        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
                        let response = try await client.execute(request, timeout: .seconds(10))
                        _ = try await response.body.collect(upTo: 1 << 20)
                        guard response.status == .ok else { throw CommandFailure("\(request.url) answered \(response.status.code)") }
                        done += 1
                    }
                    return done
                }
            }
            return try await group.reduce(0, +)
        }
        let elapsed = started.duration(to: .now)
        return Double(counts) / elapsed.seconds
    }
}
