import CSV
import Foundation
import TresorHTTP
import TresorModel

/// One record of an import file: its line, and the customer it describes or why it cannot.
struct CustomerRow {
    var line: Int
    var draft: Result<CustomerDraft, FieldError>
    /// Names a store's field error as the record gave the field (JSON Lines: `billing_information.vat`).
    var naming: @Sendable (FieldError) -> FieldError = { $0 }
}

/// Reads an import file one record at a time, so memory does not grow with the file.
protocol CustomerRowSource: AnyObject {
    /// The next record, or nil at the end. Throws only when the file itself cannot be read further.
    func next() throws -> CustomerRow?
}

/// A CSV file with a header row (``CSVCustomerColumns``): one record per line, each line's
/// cells parsed by CSV.swift. A record cannot span lines: a quote left open at the end of its line
/// is reported for that line, and the next line is the next record (in a migration file a line
/// break inside a cell is almost always a broken quote, which would otherwise swallow the next
/// customer). Line numbers are the file's: the header is line 1. Blank lines are skipped.
final class CSVCustomerRows: CustomerRowSource {
    private let lines: FileLines
    private let columns: CSVCustomerColumns
    private let width: Int
    private var line = 1

    init(url: URL) throws {
        lines = try FileLines(url: url)
        guard let first = try lines.next(), let header = try? Self.cells(of: first), !header.isEmpty, header != [""] else {
            throw CommandFailure("\(url.path) has no header row")
        }
        do {
            columns = try CSVCustomerColumns(header: header)
        } catch let error as FieldError {
            throw CommandFailure("\(url.lastPathComponent), header: \(error.description)")
        }
        width = header.count
    }

    func next() throws -> CustomerRow? {
        while let text = try lines.next() {
            line += 1
            guard !text.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) else { continue }
            let row: [String]
            do {
                row = try Self.cells(of: text)
            } catch let error as FieldError {
                return CustomerRow(line: line, draft: .failure(error))
            }
            guard row.count == width else {
                return CustomerRow(line: line, draft: .failure(FieldError(field: "row", reason: "has \(row.count) cells; the header has \(width)")))
            }
            do {
                return CustomerRow(line: line, draft: .success(try columns.draft(row)))
            } catch let error as FieldError {
                return CustomerRow(line: line, draft: .failure(error))
            }
        }
        return nil
    }

    /// The cells of one line. Every quote that opens a cell closes it in the same line, so a line
    /// with an odd number of quotes has one left open.
    static func cells(of line: Data) throws -> [String] {
        guard let text = String(data: line, encoding: .utf8) else { throw FieldError(field: "row", reason: "is not UTF-8 text") }
        guard text.utf8.filter({ $0 == UInt8(ascii: "\"") }).count % 2 == 0 else {
            throw FieldError(field: "row", reason: "has a quote that is not closed on its line")
        }
        let reader = try CSVReader(string: text, hasHeaderRow: false)
        guard let cells = reader.next(), reader.error == nil else { throw FieldError(field: "row", reason: "is not a CSV record") }
        return cells
    }
}

/// A JSON Lines file: one Tamio create body per line, read by the rules of
/// `POST /v2/customers/create`. Blank lines are skipped.
final class JSONLinesCustomerRows: CustomerRowSource {
    private let lines: FileLines
    private var line = 0

    init(url: URL) throws {
        lines = try FileLines(url: url)
    }

    func next() throws -> CustomerRow? {
        while let text = try lines.next() {
            line += 1
            guard !text.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) else { continue }
            do {
                let parsed = try CustomerCreateBody.parse(text)
                return CustomerRow(line: line, draft: .success(parsed.draft), naming: parsed.named)
            } catch let error as FieldError {
                return CustomerRow(line: line, draft: .failure(error))
            }
        }
        return nil
    }
}
