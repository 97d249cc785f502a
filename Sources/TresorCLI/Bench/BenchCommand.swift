import ArgumentParser
import Foundation

/// `tresor bench`: fixed workloads, each figure beside a baseline measured in the same run.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Tresor's throughput against baselines measured in the same run.",
        discussion: """
            Build in release mode for meaningful figures.

            Examples:
              swift run -c release tresor bench
              swift run -c release tresor bench --json --seconds 3
              swift run -c release tresor bench --suite store --customers 1000000
              swift run -c release tresor bench --suite audit --log-entries 1000000
              swift run -c release tresor bench --suite export --export-entries 100000
              swift run -c release tresor bench --suite erasure --erasures 10000
            """
    )

    enum Suite: String, ExpressibleByArgument, CaseIterable {
        case all, crypto, store, audit, webhooks, export, erasure, http
    }

    @Option(name: .long, help: "Which figures to measure: \(Suite.allCases.map(\.rawValue).joined(separator: ", ")).")
    var suite: Suite = .all

    @Option(name: .long, help: "Customers to load for the store figures (lookups are compared at 10,000 and this many); 10000 to 10000000.")
    var customers: Int = 20_000

    @Option(name: .customLong("log-entries"), help: "Access-log entries to verify for the audit figures; 1000 to 100000000.")
    var logEntries: Int = 200_000

    @Option(name: .customLong("export-entries"), help: "Access-log entries about the exported subject, for the export figures; 1000 to 10000000.")
    var exportEntries: Int = 100_000

    @Option(name: .long, help: "Customers to erase for the erasure figure; 1000 to 1000000.")
    var erasures: Int = 10_000

    @Flag(name: .long, help: "Print the figures as JSON.")
    var json = false

    @Option(name: .long, help: """
        Seconds for each timed measurement, not for the whole run: a suite makes several (crypto \
        at least 3 rounds of three 1-second measurements against openssl speed, http 6); above 0, \
        at most 60. The run prints its expected length first.
        """)
    var seconds: Double = 2

    func validate() throws {
        guard seconds > 0, seconds <= 60 else { throw ValidationError("--seconds must be between 0 and 60") }
        guard customers >= 10_000, customers <= 10_000_000 else { throw ValidationError("--customers must be between 10000 and 10000000") }
        guard logEntries >= 1_000, logEntries <= 100_000_000 else { throw ValidationError("--log-entries must be between 1000 and 100000000") }
        guard erasures >= 1_000, erasures <= 1_000_000 else { throw ValidationError("--erasures must be between 1000 and 1000000") }
        guard exportEntries >= 1_000, exportEntries <= 10_000_000 else { throw ValidationError("--export-entries must be between 1000 and 10000000") }
    }

    /// Seconds the timed measurements of the chosen suites take (loading data, and the suites
    /// that measure a fixed amount of work, come on top).
    var timedSeconds: Double {
        var total = 0.0
        if suite == .all || suite == .crypto { total += Double(3 * max(3, Int(seconds.rounded()))) + seconds }
        if suite == .all || suite == .store { total += 2 * seconds }
        if suite == .all || suite == .audit { total += seconds / 2 }
        if suite == .all || suite == .http { total += 6 * seconds }
        return total
    }

    func run() async throws {
        Self.progress("bench: the timed measurements take about \(Int(timedSeconds.rounded(.up))) s (--seconds \(seconds) each); loading "
                      + "\(suite == .all || suite == .store ? "\(customers) customers, " : "")and the fixed workloads come on top")
        var figures: [BenchFigure] = []
        if suite == .all || suite == .crypto { figures += try CryptoBenchmark(seconds: seconds).run() }
        if suite == .all || suite == .store {
            figures += try await StoreBenchmark(customers: customers, seconds: seconds, progress: Self.progress).run()
        }
        if suite == .all || suite == .audit {
            figures += try await AuditBenchmark(entries: logEntries, seconds: seconds, progress: Self.progress).run()
        }
        if suite == .all || suite == .webhooks {
            figures += try await WebhookBenchmark(seconds: seconds, progress: Self.progress).run()
        }
        if suite == .all || suite == .export {
            figures += try await ExportBenchmark(entries: exportEntries, progress: Self.progress).run()
        }
        if suite == .all || suite == .erasure {
            figures += try await ErasureBenchmark(customers: erasures, progress: Self.progress).run()
        }
        if suite == .all || suite == .http {
            figures += try await HTTPBenchmark(seconds: seconds, progress: Self.progress).run()
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(["figures": figures]), as: UTF8.self))
        } else {
            print(BenchTable(figures: figures).rendered)
        }
    }

    /// Progress goes to standard error, so `--json` output stays clean.
    @Sendable static func progress(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
