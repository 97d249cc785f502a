import Foundation

/// Header text for RFC 5322 headers: one line, and non-ASCII text as RFC 2047 encoded words.
enum HeaderEncoding {
    /// Line breaks (and other control characters) replaced by spaces, so a value can never start
    /// a header of its own.
    static func singleLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
    }

    /// `text` as a header value: as is when short ASCII, otherwise encoded words folded onto
    /// continuation lines.
    static func encode(_ text: String, prefixLength: Int) -> String {
        let line = singleLine(text)
        if line.allSatisfy({ $0.isASCII }) && prefixLength + line.utf8.count <= 78 { return line }
        return encodedWords(line).joined(separator: "\r\n ")
    }

    /// `=?UTF-8?B?…?=` words of at most 75 characters, split between characters (never inside one).
    static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45 {
                words.append(word(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(word(chunk)) }
        return words
    }

    private static func word(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?="
    }
}
