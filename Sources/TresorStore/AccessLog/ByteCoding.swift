import Foundation

/// Appends big-endian integers and length-prefixed strings.
package struct ByteWriter {
    package var bytes: [UInt8] = []

    package init() { bytes.reserveCapacity(256) }

    package mutating func append(_ value: UInt64) {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    package mutating func append(_ value: UInt32) {
        for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    /// A u32 length, then the UTF-8 bytes.
    package mutating func append(_ text: String) {
        let utf8 = Array(text.utf8)
        append(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }
}

/// Reads what ``ByteWriter`` wrote, checking every length against what is left.
package struct ByteReader {
    private let bytes: [UInt8]
    private var offset = 0

    package init(_ bytes: [UInt8]) { self.bytes = bytes }

    package var isAtEnd: Bool { offset == bytes.count }

    package mutating func byte() throws -> UInt8 {
        try take(1)[0]
    }

    package mutating func uint32() throws -> UInt32 {
        try take(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    package mutating func uint64() throws -> UInt64 {
        try take(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    package mutating func string() throws -> String {
        let length = Int(try uint32())
        guard let text = String(validating: try take(length), as: UTF8.self) else { throw AccessLogFormatError("invalid UTF-8") }
        return text
    }

    package mutating func uuid() throws -> UUID {
        let raw = try take(16)
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &uuid) { $0.copyBytes(from: raw) }
        return UUID(uuid: uuid)
    }

    private mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.count - offset else { throw AccessLogFormatError("truncated entry") }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }
}
