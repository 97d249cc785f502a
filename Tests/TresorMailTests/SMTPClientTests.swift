import Foundation
import Testing
import TresorCrypto
import TresorMail
import TresorTestSupport

/// The client against a real SMTP server (aiosmtpd) on loopback; what arrived is checked with
/// Python's email parser.
@Suite("SMTP client against aiosmtpd")
struct SMTPClientTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tresor-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }


    func message(to recipient: String, subject: String = "Grüße aus Köln", text: String = "Hallo Jürgen,\n.dot line\nBye", html: String? = "<p>Hallo Jürgen</p>") -> SMTPMessage {
        let mime = MIMEMessage(from: MailAddress(name: "Tresor Shop", address: "noreply@shop.example"), to: MailAddress(name: "Jürgen Ä", address: recipient),
                               subject: subject, textBody: text, htmlBody: html, date: Date(), messageID: "em_\(UUID().uuidString)@shop.example")
        return SMTPMessage(sender: "noreply@shop.example", recipients: [recipient], content: mime.rendered())
    }

    @Test("plain relay: two messages in one session arrive with correct headers and bodies, dot lines intact")
    func plainDelivery() async throws {
        let relay = try SMTPRelay(directory: directory.appendingPathComponent("out"))
        defer { relay.stop() }
        let port = relay.port
        let client = try SMTPClient(configuration: SMTPConfiguration(host: "127.0.0.1", port: port, security: .none))
        let results = await client.send([message(to: "juergen@example.de"), message(to: "second@example.de", subject: "Plain", html: nil)])
        #expect(results.count == 2)
        #expect(results.allSatisfy { if case .success = $0 { true } else { false } })

        let received = relay.messages()
        try #require(received.count == 2)
        let first = received[0]
        #expect(first["rcpt_tos"] as? [String] == ["juergen@example.de"])
        #expect(first["mail_from"] as? String == "noreply@shop.example")
        #expect(first["subject"] as? String == "Grüße aus Köln")
        #expect(first["from"] as? String == "Tresor Shop <noreply@shop.example>")
        #expect(first["to"] as? String == "Jürgen Ä <juergen@example.de>")
        #expect(first["date_parses"] as? Bool == true)
        #expect((first["message_id"] as? String ?? "").hasSuffix("@shop.example>"))
        #expect(first["mime_version"] as? String == "1.0")
        #expect(first["content_type"] as? String == "multipart/alternative")
        #expect((first["text"] as? String)?.replacingOccurrences(of: "\r\n", with: "\n") == "Hallo Jürgen,\n.dot line\nBye")
        #expect((first["html"] as? String)?.trimmingCharacters(in: .newlines) == "<p>Hallo Jürgen</p>")
        #expect(first["seven_bit"] as? Bool == true)
        #expect((first["max_line_length"] as? Int ?? 999) <= 78)
        #expect((first["defects"] as? [String])?.isEmpty == true)
        #expect(received[1]["content_type"] as? String == "text/plain")
        #expect(received[1]["subject"] as? String == "Plain")
    }

    @Test("STARTTLS and AUTH: the relay requires both; a trusted certificate and the right password deliver")
    func startTLSAndAuth() async throws {
        let tls = try SMTPRelay.makeCertificate(in: directory)
        let relay = try SMTPRelay(directory: directory.appendingPathComponent("out"),
                                  arguments: ["--tls", tls.certificate, tls.key, "--auth", "relay-user:s3cret pass"])
        defer { relay.stop() }
        let port = relay.port
        let credentials = SMTPConfiguration.Credentials(username: "relay-user", password: SecureBytes(copying: "s3cret pass".utf8))
        let client = try SMTPClient(configuration: SMTPConfiguration(host: "127.0.0.1", port: port, security: .startTLS, credentials: credentials,
                                                                     trustRootsFile: tls.certificate))
        let results = await client.send([message(to: "tls@example.de")])
        #expect(results.count == 1)
        if case let .failure(error) = results[0] { Issue.record("not delivered: \(error)") }
        #expect(relay.messages().count == 1)

        // A wrong password is a permanent refusal; an untrusted certificate is never used.
        let wrong = SMTPConfiguration.Credentials(username: "relay-user", password: SecureBytes(copying: "wrong".utf8))
        let refused = await (try SMTPClient(configuration: SMTPConfiguration(host: "127.0.0.1", port: port, credentials: wrong, trustRootsFile: tls.certificate)))
            .send([message(to: "tls@example.de")])
        guard case let .failure(authError) = refused[0], case let .rejected(command, reply) = authError else {
            Issue.record("expected AUTH to be rejected, got \(refused)")
            return
        }
        #expect(command == "AUTH")
        #expect(reply.code == 535)
        #expect(!authError.isTransient)
        let untrusted = await (try SMTPClient(configuration: SMTPConfiguration(host: "127.0.0.1", port: port, credentials: credentials)))
            .send([message(to: "tls@example.de")])
        guard case let .failure(tlsError) = untrusted[0], case .tlsUnavailable = tlsError else {
            Issue.record("expected a TLS failure, got \(untrusted)")
            return
        }
        #expect(relay.messages().count == 1)
    }

    @Test("a relay without STARTTLS is refused when STARTTLS is required (no downgrade)")
    func noDowngrade() async throws {
        let relay = try SMTPRelay(directory: directory.appendingPathComponent("out"))
        defer { relay.stop() }
        let port = relay.port
        let results = await (try SMTPClient(configuration: SMTPConfiguration(host: "127.0.0.1", port: port, security: .startTLS))).send([message(to: "a@example.de")])
        guard case let .failure(error) = results[0], case .tlsUnavailable = error else {
            Issue.record("expected tlsUnavailable, got \(results)")
            return
        }
        #expect(!error.isTransient)
        #expect(relay.messages().isEmpty)
    }

    @Test("a refused recipient fails only its message: 550 is permanent, 450 transient, the others arrive")
    func refusedRecipients() async throws {
        let relay = try SMTPRelay(directory: directory.appendingPathComponent("out"),
                                  arguments: ["--reject", "gone@example.de:550", "--reject", "busy@example.de:450"])
        defer { relay.stop() }
        let port = relay.port
        let client = try SMTPClient(configuration: SMTPConfiguration(host: "127.0.0.1", port: port, security: .none))
        let results = await client.send([message(to: "gone@example.de"), message(to: "busy@example.de"), message(to: "fine@example.de")])
        guard case let .failure(gone) = results[0], case let .failure(busy) = results[1], case .success = results[2] else {
            Issue.record("unexpected results \(results)")
            return
        }
        #expect(!gone.isTransient)
        #expect(busy.isTransient)
        #expect(gone.description == "RCPT TO rejected: 550 5.1.1")
        #expect(!gone.description.contains("gone@"))
        #expect(relay.messages().map { $0["rcpt_tos"] as? [String] ?? [] } == [["fine@example.de"]])
    }

    @Test("relay down: every message fails with a transient connection error")
    func relayDown() async throws {
        let client = try SMTPClient(configuration: SMTPConfiguration(host: "127.0.0.1", port: try TestPorts.free(), security: .none))
        let results = await client.send([message(to: "a@example.de"), message(to: "b@example.de")])
        #expect(results.count == 2)
        for result in results {
            guard case let .failure(error) = result else { Issue.record("delivered to nobody?"); continue }
            #expect(error.isTransient)
        }
    }

    @Test("configuration: AUTH without TLS and bad ports are refused before connecting")
    func configuration() {
        let credentials = SMTPConfiguration.Credentials(username: "u", password: SecureBytes(copying: "p".utf8))
        #expect(throws: SMTPConfigurationError.self) { try SMTPClient(configuration: SMTPConfiguration(host: "relay", port: 25, security: .none, credentials: credentials)) }
        #expect(throws: SMTPConfigurationError.self) { try SMTPClient(configuration: SMTPConfiguration(host: "relay", port: 0)) }
        #expect(throws: SMTPConfigurationError.self) { try SMTPClient(configuration: SMTPConfiguration(host: "relay", port: 587, trustRootsFile: "/nonexistent.pem")) }
    }
}
