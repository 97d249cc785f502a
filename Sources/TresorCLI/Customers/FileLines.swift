import Foundation

/// The lines of a file, read in 1 MiB chunks so memory does not grow with the file. A line ends
/// at `\n` (a `\r` before it is dropped); the last line may lack it.
final class FileLines {
    private let handle: FileHandle
    private var buffer = Data()
    /// Where the next line starts in `buffer`.
    private var position = 0
    private var atEnd = false

    init(url: URL) throws {
        handle = try FileHandle(forReadingFrom: url)
    }

    deinit { try? handle.close() }

    /// The next line without its line break, or nil at the end of the file.
    func next() throws -> Data? {
        while true {
            if let newline = buffer[position...].firstIndex(of: UInt8(ascii: "\n")) {
                defer { position = newline + 1 }
                return Self.withoutCarriageReturn(buffer[position..<newline])
            }
            if atEnd {
                guard position < buffer.count else { return nil }
                defer { position = buffer.count }
                return Self.withoutCarriageReturn(buffer[position...])
            }
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            buffer = Data(buffer[position...])
            position = 0
            if chunk.isEmpty { atEnd = true } else { buffer.append(chunk) }
        }
    }

    private static func withoutCarriageReturn(_ line: Data) -> Data {
        line.last == UInt8(ascii: "\r") ? Data(line.dropLast()) : Data(line)
    }
}
