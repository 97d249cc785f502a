/// One message for the relay: the envelope (RFC 5321) and the content (RFC 5322, CRLF line
/// endings, e.g. from ``MIMEMessage``).
public struct SMTPMessage: Sendable {
    /// The envelope sender (`MAIL FROM`), a bare address.
    public var sender: String
    /// The envelope recipients (`RCPT TO`), bare addresses.
    public var recipients: [String]
    public var content: [UInt8]

    public init(sender: String, recipients: [String], content: [UInt8]) {
        self.sender = sender
        self.recipients = recipients
        self.content = content
    }

    /// `content` as the DATA command sends it: every line ending CRLF, a line that starts with a
    /// dot gets a second one (RFC 5321 §4.5.2), then the terminating `.` line.
    static func dataBlock(_ content: [UInt8]) -> [UInt8] {
        let (cr, lf, dot) = (UInt8(ascii: "\r"), UInt8(ascii: "\n"), UInt8(ascii: "."))
        var out: [UInt8] = []
        out.reserveCapacity(content.count + content.count / 40 + 5)
        func appendLine(_ line: ArraySlice<UInt8>) {
            if line.first == dot { out.append(dot) }
            out += line
            out += [cr, lf]
        }
        var lineStart = 0
        var index = 0
        while index < content.count {
            let byte = content[index]
            if byte == cr || byte == lf {
                appendLine(content[lineStart..<index])
                if byte == cr, index + 1 < content.count, content[index + 1] == lf { index += 1 }
                lineStart = index + 1
            }
            index += 1
        }
        if lineStart < content.count { appendLine(content[lineStart...]) }
        out += [dot, cr, lf]
        return out
    }

    /// Whether `address` can go into `MAIL FROM`/`RCPT TO` as is: one `@`, no spaces, brackets or
    /// line breaks, at most 254 octets (RFC 5321 §4.5.3.1.3).
    static func isSendableAddress(_ address: String) -> Bool {
        let bytes = Array(address.utf8)
        guard !bytes.isEmpty, bytes.count <= 254, bytes.filter({ $0 == UInt8(ascii: "@") }).count == 1,
              bytes.first != UInt8(ascii: "@"), bytes.last != UInt8(ascii: "@") else { return false }
        return !bytes.contains { $0 <= 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }
    }
}
