/// The canonical encoding for associated data: each part as a 4-byte big-endian length followed
/// by its bytes. Concatenating length-prefixed parts is unambiguous: ("ab","c") and ("a","bc")
/// encode differently.
struct LengthPrefixedEncoder {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 64) {
        bytes.reserveCapacity(capacity)
    }

    mutating func append(_ part: some Collection<UInt8>) {
        let length = UInt32(part.count)
        bytes.append(UInt8(truncatingIfNeeded: length >> 24))
        bytes.append(UInt8(truncatingIfNeeded: length >> 16))
        bytes.append(UInt8(truncatingIfNeeded: length >> 8))
        bytes.append(UInt8(truncatingIfNeeded: length))
        bytes.append(contentsOf: part)
    }

    mutating func append(_ text: String) {
        append(text.utf8)
    }
}

extension UInt32 {
    /// The four bytes, most significant first.
    var bigEndianBytes: [UInt8] {
        [UInt8(truncatingIfNeeded: self >> 24), UInt8(truncatingIfNeeded: self >> 16),
         UInt8(truncatingIfNeeded: self >> 8), UInt8(truncatingIfNeeded: self)]
    }

    /// Reads four big-endian bytes starting at `offset`.
    init(bigEndianBytes bytes: some Collection<UInt8>, at offset: Int) {
        var value: UInt32 = 0
        var index = bytes.index(bytes.startIndex, offsetBy: offset)
        for _ in 0..<4 {
            value = value << 8 | UInt32(bytes[index])
            index = bytes.index(after: index)
        }
        self = value
    }
}
