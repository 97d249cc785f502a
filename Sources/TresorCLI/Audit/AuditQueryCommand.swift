import ArgumentParser
import Foundation
import TresorDeployment
import TresorHTTP
import TresorModel
import TresorService
import TresorStore

/// `tresor audit query`: access-log entries, filtered, streamed as a table, JSON Lines or CSV.
struct AuditQueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "List access-log entries (streamed); the query is itself logged as audit.read.",
        discussion: """
            Filters combine with AND. Times are ISO 8601 date-times or dates (UTC).

            Examples:
              tresor audit query --customer 5f0c2d1e-8a4b-4c6d-9e7f-0a1b2c3d4e5f
              tresor audit query --actor key_4f1c2b3a --action 'customer.*' --since 2026-11-01 --json
              tresor audit query --until 2026-12-01 --csv > november.csv
            """
    )

    @OptionGroup var data: DataDirectoryOptions
    @Option(help: "Only entries about this customer (id).") var customer: String?
    @Option(help: "Only entries by this actor (API key id or name, or login).") var actor: String?
    @Option(help: "Only this action, or a family with a trailing * (customer.*).") var action: String?
    @Option(help: "Only entries at or after this time.") var since: String?
    @Option(help: "Only entries before this time.") var until: String?
    @Flag(help: "JSON Lines: one entry per line.") var json = false
    @Flag(help: "CSV with a header row.") var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("use either --json or --csv, not both") }
    }

    func run() async throws {
        let query = try makeQuery()
        let store = try await Deployment(directory: data.url).openExistingStore()
        defer { try? store.close() }
        let service = TresorService(store: store)
        let output = BufferedOutput()
        if csv { output.write(AccessLogCSV.header) } else if !json { output.write(Self.tableHeader) }
        let count = try await service.streamAuditEntries(query, request: .operator(command: "audit query")) { entry in
            if json {
                output.write(String(decoding: JSONWriter.data(AccessLogJSON.entry(entry)), as: UTF8.self))
            } else if csv {
                output.write(AccessLogCSV.row(entry))
            } else {
                output.write(Self.tableRow(entry))
            }
        }
        output.flush()
        if !json && !csv { FileHandle.standardError.write(Data("\(count) entries\n".utf8)) }
    }

    private func makeQuery() throws -> AccessLogQuery {
        var query = AccessLogQuery(actor: actor, action: action)
        if let customer {
            guard let id = UUID(uuidString: customer) else { throw ValidationError("--customer must be a customer id (UUID)") }
            query.subject = id
        }
        if let since {
            guard let time = AccessLogJSON.milliseconds(from: since) else { throw ValidationError("--since must be an ISO 8601 date-time or date") }
            query.since = time
        }
        if let until {
            guard let time = AccessLogJSON.milliseconds(from: until) else { throw ValidationError("--until must be an ISO 8601 date-time or date") }
            query.until = time
        }
        return query
    }

    static let tableHeader = "SEQ       TIME                      ACTOR                     ACTION               OUTCOME    SUBJECTS  PURPOSE              "
        + "NOT SHOWN PLAIN"

    static func tableRow(_ entry: AccessLogEntry) -> String {
        let record = entry.record
        let subjects = record.subjects.count == 1 ? String(record.subjects[0].uuidString.lowercased().prefix(8)) : "\(record.subjects.count)"
        return [String(entry.sequence).padded(9), AccessLogJSON.timestamp(entry.time).padded(25), record.actor.id.padded(25),
                record.action.padded(20), record.outcome.rawValue.padded(10), subjects.padded(9), record.purpose.padded(20),
                limitedFields(record)].joined(separator: " ")
    }

    /// The fields the entry records as masked or withheld (`phone:masked`), so that the table
    /// shows what a role with a field policy actually saw; `-` when every field was plain.
    static func limitedFields(_ record: AccessRecord) -> String {
        let limited = record.fields.filter { $0.hasSuffix(":masked") || $0.hasSuffix(":withheld") }
        return limited.isEmpty ? "-" : limited.joined(separator: ",")
    }
}

extension String {
    /// Left-aligned in a column of `width` characters (longer text is kept whole).
    func padded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}

/// Lines to standard output, written in blocks so a million entries do not mean a million writes.
final class BufferedOutput {
    private var buffer: [UInt8] = []

    func write(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
