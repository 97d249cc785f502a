import Foundation
import Testing
@testable import TresorMail

@Suite("MIME and DATA encoding")
struct MIMEMessageTests {
    @Test("DATA block: CRLF everywhere, leading dots doubled, terminated by a dot line")
    func dataBlock() {
        let block = SMTPMessage.dataBlock(Array("a\n.hidden\r\n..two\rlast".utf8))
        #expect(String(decoding: block, as: UTF8.self) == "a\r\n..hidden\r\n...two\r\nlast\r\n.\r\n")
        #expect(String(decoding: SMTPMessage.dataBlock(Array("one\r\n".utf8)), as: UTF8.self) == "one\r\n.\r\n")
        #expect(String(decoding: SMTPMessage.dataBlock(Array(".".utf8)), as: UTF8.self) == "..\r\n.\r\n")
    }

    @Test("quoted-printable: UTF-8 and '=' escaped, trailing space kept, lines of at most 76")
    func quotedPrintable() {
        #expect(QuotedPrintable.encode("Grüße = ok") == "Gr=C3=BC=C3=9Fe =3D ok")
        #expect(QuotedPrintable.encode("end \nnext") == "end=20\r\nnext")
        let long = QuotedPrintable.encode(String(repeating: "ä", count: 100))
        #expect(long.components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 })
        #expect(long.replacingOccurrences(of: "=\r\n", with: "") == String(repeating: "=C3=A4", count: 100))
    }

    @Test("headers: encoded words for non-ASCII, line breaks cannot inject a header")
    func headers() {
        let message = MIMEMessage(from: MailAddress(name: "Shöp", address: "noreply@shop.example"), to: MailAddress(name: "A \"B\"", address: "a@b.example"),
                                  subject: "Hello\r\nBcc: victim@evil.example", textBody: "x", date: Date(timeIntervalSince1970: 0), messageID: "m1@shop.example")
        let text = String(decoding: message.rendered(), as: UTF8.self)
        #expect(text.contains("\r\nSubject: Hello  Bcc: victim@evil.example\r\n"))
        #expect(!text.contains("\r\nBcc:"))
        #expect(text.contains("From: =?UTF-8?B?U2jDtnA=?= <noreply@shop.example>"))
        #expect(text.contains("To: \"A \\\"B\\\"\" <a@b.example>"))
        #expect(text.hasPrefix("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"))
        #expect(text.contains("Message-ID: <m1@shop.example>"))
        #expect(HeaderEncoding.encodedWords(String(repeating: "€", count: 40)).allSatisfy { $0.count <= 75 })
    }

    @Test("addresses: 'Name <address>' parses; line breaks, brackets and spaces are refused")
    func addresses() {
        #expect(MailAddress(parsing: "Shop <noreply@shop.example>") == MailAddress(name: "Shop", address: "noreply@shop.example"))
        #expect(MailAddress(parsing: "noreply@shop.example")?.domain == "shop.example")
        #expect(MailAddress(parsing: "a@b\r\nRCPT TO:<c@d>") == nil)
        #expect(MailAddress(parsing: "no at sign") == nil)
        #expect(!SMTPMessage.isSendableAddress("a b@c.example"))
    }

    @Test("reply summaries keep the code and enhanced status, never the server's text")
    func summaries() {
        #expect(SMTPReply(code: 550, lines: ["5.1.1 <bob@example.de>: no such user"]).summary == "550 5.1.1")
        #expect(SMTPReply(code: 451, lines: ["try later, bob@example.de"]).summary == "451")
    }
}
