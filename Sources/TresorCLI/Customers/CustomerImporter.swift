import Foundation
import TresorModel
import TresorService
import TresorStore

/// Streams records from a source into the store in batches through the bulk create operation
/// (validation, access log, `customer-created` events as for the API unless `notifying` is
/// off). Refused records go to the reject file with their line and reason, never their content.
struct CustomerImporter {
    /// What happens to a record whose email belongs to a customer already in the store.
    enum Existing: String, CaseIterable {
        /// Rejected, named in the reject file (the default).
        case refuse
        /// Left as it is, counted as skipped.
        case skip
        /// Its profile fields are set from the record (addresses stay as they are).
        case update
    }

    struct Summary {
        var imported = 0
        var updated = 0
        var skipped = 0
        var rejected = 0
        var seconds = 0.0
        var done: Int { imported + updated + skipped + rejected }
    }

    let service: TresorService
    let request: RequestInfo
    let batchSize: Int
    /// Name address fields as the CSV columns do (`billing_postcode`), not as JSON paths.
    let usesCSVNames: Bool
    var existing: Existing = .refuse
    /// False for a migration: no `customer-created` events (recorded in the access log).
    var notifying = true

    func run(_ source: CustomerRowSource, rejects: RejectFile, progress: ImportProgress) async throws -> Summary {
        var summary = Summary()
        let started = Date()
        // The first line of each email in the file, so that a repeat names it. Emails only, for
        // the length of the run; never written anywhere.
        var firstLine: [String: Int] = [:]
        // Records in file order; refused ones are written to the reject file at the flush, in order.
        var batch: [CustomerRow] = []
        func flush() async throws {
            let drafts = batch.compactMap { try? $0.draft.get() }
            var outcomes = drafts.isEmpty ? [] : try await service.bulkCreateCustomers(drafts, request: request, notifying: notifying, source: .import)[...]
            for row in batch {
                switch row.draft {
                case let .failure(error):
                    summary.rejected += 1
                    try rejects.write(line: row.line, reason: named(error).description)
                case let .success(draft):
                    switch outcomes.removeFirst() {
                    case .created:
                        summary.imported += 1
                    case .failed(.emailAlreadyExists) where existing == .skip:
                        summary.skipped += 1
                    case .failed(.emailAlreadyExists) where existing == .update:
                        try await update(draft, line: row.line, rejects: rejects, summary: &summary)
                    case .failed(.emailAlreadyExists):
                        summary.rejected += 1
                        try rejects.write(line: row.line, reason: "a customer with this email already exists (--existing skip or update keeps or updates it)")
                    case let .failed(error):
                        summary.rejected += 1
                        try rejects.write(line: row.line, reason: reason(error, naming: row.naming))
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
                progress.finish(done: summary.done, imported: summary.imported, rejected: summary.rejected)
                throw CommandFailure("\(error); \(summary.imported) customers were imported before")
            }
            guard var row = next else { break }
            if case let .success(draft) = row.draft, let email = draft.email?.trimmingCharacters(in: .whitespaces).lowercased(), !email.isEmpty {
                if let earlier = firstLine[email] {
                    row.draft = .failure(FieldError(field: "email", reason: "repeats the email of line \(earlier)"))
                } else {
                    firstLine[email] = row.line
                }
            }
            batch.append(row)
            if batch.count == batchSize { try await flush() }
            progress.update(done: summary.done + batch.count, imported: summary.imported, rejected: summary.rejected)
        }
        try await flush()
        progress.finish(done: summary.done, imported: summary.imported, rejected: summary.rejected)
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// `--existing update`: the customer with the record's email gets the record's profile fields.
    private func update(_ draft: CustomerDraft, line: Int, rejects: RejectFile, summary: inout Summary) async throws {
        let patch = CustomerPatch(name: draft.name, lastName: draft.lastName, phone: draft.phone, company: draft.company, country: draft.country,
                                  locale: draft.locale, timezoneOffset: draft.timezoneOffset, category: draft.category, priority: draft.priority,
                                  leadStatus: draft.leadStatus, teammateID: draft.teammateID.map { .some($0) }, metadata: draft.metadata)
        do {
            guard try await service.updateCustomer(matchingEmail: draft.email ?? "", patch: patch, request: request) != nil else {
                summary.rejected += 1
                try rejects.write(line: line, reason: "the customer with this email was erased while the import ran")
                return
            }
            summary.updated += 1
        } catch let error as StoreError {
            summary.rejected += 1
            try rejects.write(line: line, reason: reason(error))
        } catch let error as FieldError {
            summary.rejected += 1
            try rejects.write(line: line, reason: named(error).description)
        }
    }

    /// Why the store refused a record; messages name fields (as the record gave them), never values.
    func reason(_ error: StoreError, naming: (FieldError) -> FieldError = { $0 }) -> String {
        if case let .invalidField(field) = error { return named(naming(field)).description }
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
