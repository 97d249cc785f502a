import Foundation

/// An RFC 5322 message in MIME (RFC 2045–2047): UTF-8 text, and HTML as an alternative when
/// given; bodies quoted-printable, non-ASCII header text as encoded words. Header values are
/// single lines: line breaks in them (header injection) are replaced by spaces.
public struct MIMEMessage: Sendable {
    public var from: MailAddress
    public var to: MailAddress
    public var subject: String
    public var textBody: String
    public var htmlBody: String?
    public var date: Date
    /// Without angle brackets, e.g. `em_3f…@shop.example`.
    public var messageID: String

    public init(from: MailAddress, to: MailAddress, subject: String, textBody: String, htmlBody: String? = nil, date: Date, messageID: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.date = date
        self.messageID = messageID
    }

    /// The message as sent, CRLF line endings, 7-bit clean.
    public func rendered(boundary: String = "=_tresor_" + UUID().uuidString.replacingOccurrences(of: "-", with: "")) -> [UInt8] {
        var lines = [
            "Date: " + Self.dateText(date),
            "From: " + from.headerValue,
            "To: " + to.headerValue,
            "Subject: " + HeaderEncoding.encode(subject, prefixLength: "Subject: ".count),
            "Message-ID: <\(HeaderEncoding.singleLine(messageID))>",
            "MIME-Version: 1.0",
        ]
        if let htmlBody {
            lines.append("Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"")
            lines.append("")
            lines.append("This is a multi-part message in MIME format.")
            for (type, body) in [("text/plain", textBody), ("text/html", htmlBody)] {
                lines.append("--" + boundary)
                lines += Self.part(type: type, body: body)
            }
            lines.append("--" + boundary + "--")
        } else {
            lines += Self.part(type: "text/plain", body: textBody)
        }
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    private static func part(type: String, body: String) -> [String] {
        ["Content-Type: \(type); charset=UTF-8", "Content-Transfer-Encoding: quoted-printable", "", QuotedPrintable.encode(body)]
    }

    /// RFC 5322 §3.3, in UTC: `Mon, 30 Nov 2026 03:11:05 +0000`.
    static func dateText(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}

/// An address with an optional display name, as it appears in `From:` and `To:`.
public struct MailAddress: Sendable, Equatable {
    public var name: String?
    public var address: String

    public init(name: String? = nil, address: String) {
        self.name = name
        self.address = address
    }

    /// Parses `Name <address>` or a bare address.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let open = trimmed.lastIndex(of: "<"), trimmed.hasSuffix(">") {
            let name = trimmed[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            self.init(name: name.isEmpty ? nil : name, address: String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]))
        } else {
            self.init(address: trimmed)
        }
        guard SMTPMessage.isSendableAddress(address), !(name ?? "").unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { return nil }
    }

    /// The domain part, for Message-IDs.
    public var domain: String { address.split(separator: "@").last.map(String.init) ?? "localhost" }

    var headerValue: String {
        let bracketed = "<\(HeaderEncoding.singleLine(address))>"
        guard let name = name.map(HeaderEncoding.singleLine), !name.isEmpty else { return bracketed }
        if name.allSatisfy({ $0.isASCII }) {
            let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(escaped)\" " + bracketed
        }
        return HeaderEncoding.encodedWords(name).joined(separator: "\r\n ") + " " + bracketed
    }
}
