import Foundation
import TresorCompliance
import TresorCrypto
import TresorModel
import TresorStore

/// The subject export's figures: the time to write the whole package for a subject with a long
/// access log, beside reading the same entries alone, and the export's peak memory.
struct ExportBenchmark {
    var entries: Int
    var progress: (String) -> Void

    static let fillBatch = 10_000

    func run() async throws -> [BenchFigure] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-bench-export-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await SQLiteCustomerStore.open(directory: directory.appendingPathComponent("data"), keyring: try MasterKeyring.generate())
        defer { try? store.close() }
        let record = AccessRecord(actor: AccessActor(kind: .system, id: "bench", name: "tresor bench"), action: "customer.view",
                                  fields: ["name", "email"], purpose: "benchmark", requestID: "bench")
        let customer = try await store.createCustomer(CustomerDraft(name: "Bench", email: "bench@example.de", country: "DE"), recording: record)
        var written = 0
        while written < entries {
            let batch = min(Self.fillBatch, entries - written)
            try await store.accessLog.append(contentsOf: Array(repeating: record.with(subjects: [customer.id]), count: batch))
            written += batch
            if written % 100_000 < Self.fillBatch { progress("access log: \(written) of \(entries) entries about one subject") }
        }
        guard let signingKey = store.accessLog.signingKey else { throw CommandFailure("no audit signing key") }
        let exporter = SubjectExporter(store: store, policies: try PolicySet.load(directory: nil), signingKey: signingKey,
                                       tresorVersion: TresorVersion.current)

        var read = 0
        let readSeconds = try await StoreBenchmark.time {
            try await store.forEachAccessLogEntry(AccessLogQuery(subject: customer.id)) { _ in read += 1; return true }
        }
        PeakMemory.reset()
        let before = PeakMemory.megabytes()
        var summary: SubjectExporter.Summary?
        let file = directory.appendingPathComponent("export.zip")
        let exportSeconds = try await StoreBenchmark.time {
            summary = try await exporter.export(customerID: customer.id, purpose: .art15, to: file)
        }
        let peak = PeakMemory.megabytes()
        guard summary?.accessLogEntries ?? 0 >= entries else { throw CommandFailure("the export held \(summary?.accessLogEntries ?? 0) entries, expected \(entries)") }
        let size = ((try? FileManager.default.attributesOfItem(atPath: file.path)[.size]) as? Int ?? 0) / 1_000_000
        return [
            BenchFigure(name: "subject export with \(entries) access-log entries (\(size) MB ZIP; target < 2 s)", value: exportSeconds, unit: "s",
                        baselineName: "reading the same \(read) entries alone", baselineValue: readSeconds),
            BenchFigure(name: "peak memory of the process during that export (target < 100 MB; \(Int(before)) MB before)", value: peak, unit: "MB"),
        ]
    }
}

/// The process's peak resident memory (Linux: VmHWM in /proc/self/status, reset through
/// /proc/self/clear_refs so a figure covers one phase).
enum PeakMemory {
    static func reset() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .ascii)
    }

    static func megabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kilobytes / 1024
    }
}
