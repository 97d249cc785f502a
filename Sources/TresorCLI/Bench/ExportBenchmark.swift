import Foundation
import TresorCompliance
import TresorCrypto
import TresorDeployment
import TresorModel
import TresorStore
import ZIPFoundation

/// The subject export's figures: the time to write the whole package for a subject with a long
/// access log, beside reading the same entries alone and beside ZIPFoundation deflating the
/// package's two access-log files alone (the part of the export no faster reader can remove),
/// and the export's peak memory.
///
/// The log is shaped like API traffic (``ExportBenchmark/trafficRecords(subject:count:startingAt:)``): four
/// keys with their roles and purposes, every retrieve naming all customer fields, a request id of
/// its own per entry. Identical entries would compress better and encode faster than any real log.
struct ExportBenchmark {
    var entries: Int
    var progress: (String) -> Void

    static let fillBatch = 10_000

    func run() async throws -> [BenchFigure] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-bench-export-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        // A deployment as `tresor init` makes it, so that `tresor export` can open it.
        let deployment = Deployment(directory: directory.appendingPathComponent("data"), environment: [:])
        _ = try await deployment.initialise()
        let store = try await deployment.openStore()
        defer { try? store.close() }
        let creator = AccessRecord(actor: AccessActor(kind: .system, id: "bench", name: "tresor bench"), action: "customer.create",
                                   fields: Self.customerFields, purpose: "contract", requestID: "bench")
        let customer = try await store.createCustomer(CustomerDraft(name: "Bench", email: "bench@example.de", country: "DE"), recording: creator)
        var written = 0
        while written < entries {
            let batch = min(Self.fillBatch, entries - written)
            try await store.accessLog.append(contentsOf: Self.trafficRecords(subject: customer.id, count: batch, startingAt: written))
            written += batch
            if written % 100_000 < Self.fillBatch { progress("access log: \(written) of \(entries) entries about one subject") }
        }

        var read = 0
        let readSeconds = try await StoreBenchmark.time {
            try await store.forEachAccessLogEntry(AccessLogQuery(subject: customer.id)) { _ in read += 1; return true }
        }
        let file = directory.appendingPathComponent("export.zip")
        let export = try MeasuredProcess.run(MeasuredProcess.currentExecutable(), arguments: [
            "export", "--data-dir", deployment.directory.path, "--customer", customer.id.lowercaseText, "--out", file.path,
        ])
        guard export.status == 0 else { throw CommandFailure("tresor export exited with \(export.status)") }
        let size = ((try? FileManager.default.attributesOfItem(atPath: file.path)[.size]) as? Int ?? 0) / 1_000_000
        let (deflateSeconds, logMegabytes, csvRows) = try await Self.timeDeflatingAccessLogFiles(of: file)
        guard csvRows >= entries else { throw CommandFailure("the package's access-log.csv has \(csvRows) entries, expected \(entries)") }
        return [
            BenchFigure(name: "tresor export of a subject with \(entries) access-log entries, whole process (\(size) MB ZIP; target < 2 s)",
                        value: export.seconds, unit: "s", baselineName: "reading the same \(read) entries alone", baselineValue: readSeconds),
            BenchFigure(name: "ZIPFoundation deflating that package's access-log.csv and .json alone (\(logMegabytes) MB, from memory)",
                        value: deflateSeconds, unit: "s"),
            BenchFigure(name: "peak memory (VmHWM) of that tresor export process (target < 100 MB)",
                        value: export.peakMegabytes, unit: "MB"),
        ]
    }

    /// The fields a retrieve names in its access-log entry (as `TresorService` records them).
    static let customerFields = ["name", "last_name", "email", "phone", "company", "country", "locale", "timezone_offset", "category",
                                 "priority", "lead_status", "teammate_id", "metadata", "billing_addresses", "shipping_addresses"]

    /// `count` entries about `subject` as API traffic leaves them: retrieves by an integration key,
    /// look-ups by a support agent's key, views for a newsletter and for a compliance check.
    static func trafficRecords(subject: UUID, count: Int, startingAt offset: Int) -> [AccessRecord] {
        let callers = [
            (AccessActor(kind: .apiKey, id: "key_3f9a61c2d07e4b18", name: "shop backend", role: "integration"), "customer.view", "contract"),
            (AccessActor(kind: .apiKey, id: "key_a81c0e5f92b64d37", name: "support desk", role: "support-agent",
                         teammate: "5c2e9d1a-7b40-4f86-9e13-2a6d8c0b4f71"), "customer.list", "support"),
            (AccessActor(kind: .apiKey, id: "key_7d24b9e0c1f35a68", name: "newsletter tool", role: "marketing"), "customer.view", "newsletter"),
            (AccessActor(kind: .apiKey, id: "key_e5093c7a4d16b2f8", name: "compliance desk", role: "compliance-officer"), "customer.view", "art15"),
        ]
        return (offset..<offset + count).map { index in
            let (actor, action, purpose) = callers[index % callers.count]
            return AccessRecord(actor: actor, action: action, subjects: [subject], fields: customerFields, purpose: purpose,
                                requestID: "req_" + String(UInt64.random(in: 0...UInt64.max) | (1 << 63), radix: 16))
        }
    }

    /// Seconds for ZIPFoundation to deflate the package's two access-log files into a new archive
    /// in memory (read back from `package` first), their size in MB, and the CSV's data rows.
    static func timeDeflatingAccessLogFiles(of package: URL) async throws -> (seconds: Double, megabytes: Int, csvRows: Int) {
        let source = try Archive(url: package, accessMode: .read)
        var files: [(String, Data)] = []
        for name in ["access-log.csv", "access-log.json"] {
            guard let entry = source[name] else { throw CommandFailure("the package has no \(name)") }
            var data = Data()
            _ = try source.extract(entry) { data.append($0) }
            files.append((name, data))
        }
        let target = try Archive(accessMode: .create)
        let seconds = try await StoreBenchmark.time {
            for (name, data) in files {
                try target.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
        }
        let csvRows = files[0].1.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 } - 1
        return (seconds, files.reduce(0) { $0 + $1.1.count } / 1_000_000, csvRows)
    }
}
