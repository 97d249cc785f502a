import ArgumentParser
import Foundation
import TresorDeployment
import TresorModel
import TresorService
import TresorStore

/// `tresor customers`: bulk import and listing at the command line.
struct CustomersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customers",
        abstract: "Import customers from CSV or JSON Lines, and list them.",
        subcommands: [Import.self, List.self]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import customers from a CSV or JSON Lines file, streamed and committed in batches.",
            discussion: """
                CSV: a header row of Tamio's field names (name, last_name, email, phone, company, \
                country, locale, timezone_offset, category, priority, lead_status, teammate_id), \
                metadata.KEY columns, and one billing and one shipping address as prefixed columns \
                (billing_name, billing_address, billing_city, billing_postcode, billing_country, \
                billing_vat, billing_is_company, …, shipping_…). JSON Lines: one Tamio create body per \
                line, read by the rules of POST /v2/customers/create.

                One record per line: a CSV line whose quote is not closed is rejected, never joined \
                with the next line. Each record is validated as the API validates it; refused records \
                are written to the reject file with their line number and reason (never their \
                content), the others are committed in batches. An email that appears twice in the \
                file is refused the second time, naming the first line. --existing decides what \
                happens to a record whose email a customer in the store already has. Progress goes to \
                standard error: a bar with rate and ETA on a terminal, a line every 10 % otherwise, \
                ending at 100 %. Exit code 0 when no record was rejected, 2 when some were.

                --no-webhooks queues no customer-created events (a migration of customers your other \
                systems already know); the access-log entries of the import say so (webhooks:none). \
                Updates made by --existing update still send customer-updated.

                Examples:
                  tresor customers import customers.csv
                  tresor customers import export.jsonl --rejects refused.csv
                  tresor customers import customers.csv --existing skip --no-webhooks
                """)
        @OptionGroup var data: DataDirectoryOptions
        @Argument(help: "The file to import (.csv, or .jsonl / .ndjson).") var file: String
        @Option(help: "csv or jsonl (default: from the file's extension).") var format: String?
        @Option(help: "Where refused records are listed (default: FILE.rejects.csv).") var rejects: String?
        @Option(name: .customLong("batch-size"), help: "Records per transaction (1 to 500).") var batchSize = 500
        @Option(help: "A record whose email a customer already has: refuse (reject it), skip (leave the customer as it is) or update (set its profile fields from the record).")
        var existing = "refuse"
        @Flag(name: .customLong("no-webhooks"), help: "Queue no customer-created events (a migration); recorded in the access log.")
        var noWebhooks = false

        func validate() throws {
            guard (1...TresorService.maximumBulkCreate).contains(batchSize) else { throw ValidationError("--batch-size must be 1 to 500") }
            if let format, !["csv", "jsonl"].contains(format) { throw ValidationError("--format must be csv or jsonl") }
            guard CustomerImporter.Existing(rawValue: existing) != nil else { throw ValidationError("--existing must be refuse, skip or update") }
        }

        func run() async throws {
            let url = URL(fileURLWithPath: file)
            guard FileManager.default.isReadableFile(atPath: url.path) else { throw CommandFailure("\(file) cannot be read") }
            let isCSV = (format ?? (["jsonl", "ndjson", "json"].contains(url.pathExtension.lowercased()) ? "jsonl" : "csv")) == "csv"
            let source: CustomerRowSource = isCSV ? try CSVCustomerRows(url: url) : try JSONLinesCustomerRows(url: url)
            let rejectFile = RejectFile(url: URL(fileURLWithPath: rejects ?? file + ".rejects.csv"))
            let records = try Self.countRecords(url, hasHeader: isCSV)
            let summary = try await Deployment(directory: data.url).withService(command: "customers import") { service, request in
                try await CustomerImporter(service: service, request: request, batchSize: batchSize, usesCSVNames: isCSV,
                                           existing: CustomerImporter.Existing(rawValue: existing) ?? .refuse, notifying: !noWebhooks)
                    .run(source, rejects: rejectFile, progress: ImportProgress(total: records))
            }
            try rejectFile.close()
            let rate = Double(summary.done) / max(summary.seconds, 0.001)
            let existingPart = (summary.updated > 0 ? ", updated \(summary.updated)" : "") + (summary.skipped > 0 ? ", skipped \(summary.skipped)" : "")
            print("Imported \(summary.imported) customers\(existingPart), rejected \(summary.rejected), in \(String(format: "%.1f", summary.seconds)) s "
                  + "(\(ImportProgress.grouped(Int(rate))) rows/s)\(noWebhooks ? "; no customer-created events were queued" : "").")
            if rejectFile.wasWritten {
                print("Rejected records, by line: \(rejectFile.url.path)")
                throw ExitCode(2)
            }
        }

        /// Lines in the file (less the header), for percent and ETA; a first pass over the bytes only.
        static func countRecords(_ url: URL, hasHeader: Bool) throws -> Int {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            var lines = 0
            var last: UInt8 = UInt8(ascii: "\n")
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                lines += chunk.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
                last = chunk.last ?? last
            }
            if last != UInt8(ascii: "\n") { lines += 1 }
            return max(0, lines - (hasHeader ? 1 : 0))
        }
    }
}
