import Foundation
import TresorModel
import TresorService
import TresorStore

/// Streams records from a source into the store in batches through the bulk create operation
/// (validation, access log, `customer-created` events as for the API). Refused records go to
/// the reject file with their line and reason, never their content.
struct CustomerImporter {
    struct Summary {
        var imported = 0
        var rejected = 0
        var seconds = 0.0
    }

    let service: TresorService
    let request: RequestInfo
    let batchSize: Int
    /// Name address fields as the CSV columns do (`billing_postcode`), not as JSON paths.
    let usesCSVNames: Bool

    func run(_ source: CustomerRowSource, rejects: RejectFile, progress: ImportProgress) async throws -> Summary {
        var summary = Summary()
        let started = Date()
        // Records in file order; refused ones are written to the reject file at the flush, in order.
        var batch: [CustomerRow] = []
        func flush() async throws {
            let drafts = batch.compactMap { try? $0.draft.get() }
            var outcomes = drafts.isEmpty ? [] : try await service.bulkCreateCustomers(drafts, request: request)[...]
            for row in batch {
                switch row.draft {
                case let .failure(error):
                    summary.rejected += 1
                    try rejects.write(line: row.line, reason: named(error).description)
                case .success:
                    if case let .failed(error) = outcomes.removeFirst() {
                        summary.rejected += 1
                        try rejects.write(line: row.line, reason: reason(error))
                    } else {
                        summary.imported += 1
                    }
                }
            }
            batch.removeAll(keepingCapacity: true)
        }
        while true {
            let next: CustomerRow?
            do {
                next = try source.next()
            } catch {
                // Keep what was read before the file broke off, then say where it did.
                try await flush()
                progress.finish()
                throw CommandFailure("\(error); \(summary.imported) customers were imported before")
            }
            guard let row = next else { break }
            batch.append(row)
            if batch.count == batchSize { try await flush() }
            progress.update(done: summary.imported + summary.rejected + batch.count, imported: summary.imported, rejected: summary.rejected)
        }
        try await flush()
        progress.update(done: summary.imported + summary.rejected, imported: summary.imported, rejected: summary.rejected)
        progress.finish()
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// Why the store refused a record; messages name fields, never values.
    func reason(_ error: StoreError) -> String {
        if case let .invalidField(field) = error { return named(field).description }
        return error.description
    }

    /// For CSV, a field error with the names of the columns (`billing_addresses[0].postcode` → `billing_postcode`).
    func named(_ error: FieldError) -> FieldError {
        guard usesCSVNames else { return error }
        var field = error.field
        for kind in ["billing", "shipping"] where field.hasPrefix("\(kind)_addresses[0].") {
            field = "\(kind)_" + field.dropFirst("\(kind)_addresses[0].".count)
        }
        return FieldError(field: field, reason: error.reason)
    }
}

/// The reject file: `line,reason` as CSV, created only when a record is refused.
final class RejectFile {
    let url: URL
    private var handle: FileHandle?

    init(url: URL) {
        self.url = url
    }

    func write(line: Int, reason: String) throws {
        if handle == nil {
            guard FileManager.default.createFile(atPath: url.path, contents: Data("line,reason\n".utf8), attributes: [.posixPermissions: 0o600]) else {
                throw CommandFailure("cannot write the reject file \(url.path)")
            }
            handle = try FileHandle(forWritingTo: url)
            try handle?.seekToEnd()
        }
        let quoted = "\"" + reason.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        try handle?.write(contentsOf: Data("\(line),\(quoted)\n".utf8))
    }

    func close() throws {
        try handle?.close()
    }

    var wasWritten: Bool { handle != nil }
}
