import CSV
import Foundation
import TresorHTTP
import TresorModel

/// One record of an import file: its line, and the customer it describes or why it cannot.
struct CustomerRow {
    var line: Int
    var draft: Result<CustomerDraft, FieldError>
}

/// Reads an import file one record at a time, so memory does not grow with the file.
protocol CustomerRowSource: AnyObject {
    /// The next record, or nil at the end. Throws only when the file itself cannot be read further.
    func next() throws -> CustomerRow?
}

/// A CSV file with a header row (``CSVCustomerColumns``), read through CSV.swift. Line numbers
/// count the header as line 1 and one line per record.
final class CSVCustomerRows: CustomerRowSource {
    private let stream: InputStream
    private let reader: CSVReader
    private let columns: CSVCustomerColumns
    private let width: Int
    private var record = 0

    init(url: URL) throws {
        guard let stream = InputStream(url: url) else { throw CommandFailure("\(url.path) cannot be opened") }
        self.stream = stream
        reader = try CSVReader(stream: stream, hasHeaderRow: true)
        guard let header = reader.headerRow, !header.isEmpty else { throw CommandFailure("\(url.path) has no header row") }
        do {
            columns = try CSVCustomerColumns(header: header)
        } catch let error as FieldError {
            throw CommandFailure("\(url.lastPathComponent), header: \(error.description)")
        }
        width = header.count
    }

    func next() throws -> CustomerRow? {
        guard let row = reader.next() else {
            // On Linux the stream reports bytes available until a read returns none, which CSV.swift
            // records as `cannotReadFile`: at the end of the stream that is the end of the file.
            if let error = reader.error, stream.streamStatus != .atEnd {
                throw CommandFailure("the CSV cannot be read past line \(record + 1): \(error)")
            }
            return nil
        }
        record += 1
        let line = record + 1
        guard row.count == width else {
            return CustomerRow(line: line, draft: .failure(FieldError(field: "row", reason: "has \(row.count) cells; the header has \(width)")))
        }
        do {
            return CustomerRow(line: line, draft: .success(try columns.draft(row)))
        } catch let error as FieldError {
            return CustomerRow(line: line, draft: .failure(error))
        }
    }
}

/// A JSON Lines file: one Tamio create body per line, read by the rules of
/// `POST /v2/customers/create`. Blank lines are skipped.
final class JSONLinesCustomerRows: CustomerRowSource {
    private let handle: FileHandle
    private var buffer = Data()
    /// Where the next line starts in `buffer`.
    private var position = 0
    private var atEnd = false
    private var line = 0

    init(url: URL) throws {
        handle = try FileHandle(forReadingFrom: url)
    }

    deinit { try? handle.close() }

    func next() throws -> CustomerRow? {
        while let text = try nextLine() {
            line += 1
            guard !text.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\t") }) else { continue }
            do {
                return CustomerRow(line: line, draft: .success(try CustomerCreateBody.draft(from: text)))
            } catch let error as FieldError {
                return CustomerRow(line: line, draft: .failure(error))
            }
        }
        return nil
    }

    private func nextLine() throws -> Data? {
        while true {
            if let newline = buffer[position...].firstIndex(of: UInt8(ascii: "\n")) {
                defer { position = newline + 1 }
                return buffer[position..<newline]
            }
            if atEnd {
                guard position < buffer.count else { return nil }
                defer { position = buffer.count }
                return buffer[position...]
            }
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            buffer = Data(buffer[position...])
            position = 0
            if chunk.isEmpty { atEnd = true } else { buffer.append(chunk) }
        }
    }
}
