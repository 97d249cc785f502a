import Foundation

extension UUID {
    /// The canonical lower-case text (`0b5e7c1e-5d1c-…`), formatted directly from the bytes:
    /// `uuidString.lowercased()` goes through `sprintf` and a second string, which shows in loops
    /// over long access logs.
    public var lowercaseText: String {
        withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { buffer in
                Self.writeLowercaseText(of: bytes, into: UnsafeMutableRawBufferPointer(buffer))
                return 36
            }
        }
    }

    /// Writes the 36-character lower-case text of 16 UUID bytes into `buffer` (at least 36 bytes),
    /// for callers that keep it on the stack.
    public static func writeLowercaseText(of bytes: UnsafeRawBufferPointer, into buffer: UnsafeMutableRawBufferPointer) {
        precondition(bytes.count == 16 && buffer.count >= 36, "a UUID is 16 bytes and 36 characters")
        let digits = hexDigits
        var position = 0
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 {
                buffer[position] = UInt8(ascii: "-")
                position += 1
            }
            buffer[position] = digits[Int(byte >> 4)]
            buffer[position + 1] = digits[Int(byte & 0x0F)]
            position += 2
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
