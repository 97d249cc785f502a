import Foundation
import NIOCore
import NIOSSL

/// The dialogue on one open connection. Each step sends a command and checks the reply; a
/// negative reply throws ``SMTPError/rejected(command:reply:)``.
struct SMTPSession {
    let channel: any Channel
    var replies: NIOAsyncChannelInboundStream<SMTPReply>.AsyncIterator
    let writer: NIOAsyncChannelOutboundWriter<ByteBuffer>
    let configuration: SMTPConfiguration
    let tlsContext: NIOSSLContext?
    /// Keywords of the last EHLO reply (upper-cased), e.g. `STARTTLS`, `AUTH PLAIN LOGIN`, `SMTPUTF8`.
    private(set) var extensions: [String] = []

    init(channel: any Channel, replies: NIOAsyncChannelInboundStream<SMTPReply>.AsyncIterator, writer: NIOAsyncChannelOutboundWriter<ByteBuffer>,
         configuration: SMTPConfiguration, tlsContext: NIOSSLContext?) {
        self.channel = channel
        self.replies = replies
        self.writer = writer
        self.configuration = configuration
        self.tlsContext = tlsContext
    }

    /// Greeting, EHLO, STARTTLS and EHLO again when configured, AUTH when configured.
    mutating func open() async throws {
        try await expect(200..<300, for: "greeting")
        try await hello()
        if configuration.security == .startTLS {
            guard offers("STARTTLS") else { throw SMTPError.tlsUnavailable("the relay does not offer it") }
            try await command("STARTTLS", expecting: 200..<300)
            do {
                try await startTLS()
                try await hello()
            } catch {
                // The connection failing during the handshake, however it shows (a TLS alert, a
                // closed channel, a refused write), is how an untrusted certificate looks: final.
                // A refusal of the second EHLO and a timeout stay what they are.
                switch error as? SMTPError {
                case .rejected?, .timedOut?: throw error
                default: throw SMTPError.tlsUnavailable("the TLS handshake failed")
                }
            }
        }
        if let credentials = configuration.credentials { try await authenticate(credentials) }
    }

    /// One mail transaction: MAIL FROM, RCPT TO for each recipient, DATA.
    mutating func transfer(_ message: SMTPMessage) async throws {
        for address in [message.sender] + message.recipients where !SMTPMessage.isSendableAddress(address) {
            throw SMTPError.invalidMessage("an envelope address is not a plain address")
        }
        let needsUTF8 = ([message.sender] + message.recipients).contains { !$0.allSatisfy(\.isASCII) }
        if needsUTF8 && !offers("SMTPUTF8") { throw SMTPError.invalidMessage("a non-ASCII address, and the relay does not offer SMTPUTF8") }
        try await command("MAIL FROM:<\(message.sender)>" + (needsUTF8 ? " SMTPUTF8" : ""), name: "MAIL FROM", expecting: 200..<300)
        for recipient in message.recipients {
            try await command("RCPT TO:<\(recipient)>", name: "RCPT TO", expecting: 200..<300)
        }
        try await command("DATA", expecting: 300..<400)
        try await writer.write(ByteBuffer(bytes: SMTPMessage.dataBlock(message.content)))
        try await expect(200..<300, for: "DATA (message)")
    }

    /// Ends a refused transaction so the next can start.
    mutating func reset() async throws {
        try await command("RSET", expecting: 200..<300)
    }

    mutating func quit() async throws {
        try await command("QUIT", expecting: 200..<300)
    }

    // MARK: Steps

    private mutating func hello() async throws {
        let reply = try await command("EHLO \(configuration.clientName)", name: "EHLO", expecting: 200..<300)
        extensions = reply.lines.dropFirst().map { $0.uppercased() }
    }

    private func offers(_ keyword: String) -> Bool {
        extensions.contains { $0 == keyword || $0.hasPrefix(keyword + " ") }
    }

    private func startTLS() async throws {
        guard let tlsContext else { throw SMTPError.tlsUnavailable("no TLS context") }
        let host = configuration.host
        let serverName = host.first?.isNumber == true || host.contains(":") ? nil : host
        try await channel.eventLoop.submit { [channel] in
            let handler = try NIOSSLClientHandler(context: tlsContext, serverHostname: serverName)
            try channel.pipeline.syncOperations.addHandler(handler, position: .first)
        }.get()
    }

    private mutating func authenticate(_ credentials: SMTPConfiguration.Credentials) async throws {
        let mechanisms = extensions.first { $0.hasPrefix("AUTH ") }?.split(separator: " ").dropFirst().map(String.init) ?? []
        if mechanisms.contains("PLAIN") {
            var token = [UInt8](repeating: 0, count: 1) + Array(credentials.username.utf8) + [0]
            credentials.password.withUnsafeBytes { token += $0 }
            defer { Self.wipe(&token) }
            try await command("AUTH PLAIN " + Data(token).base64EncodedString(), name: "AUTH", expecting: 200..<300)
        } else if mechanisms.contains("LOGIN") {
            try await command("AUTH LOGIN", expecting: 300..<400)
            try await command(Data(credentials.username.utf8).base64EncodedString(), name: "AUTH (user name)", expecting: 300..<400)
            var password = credentials.password.withUnsafeBytes { Array($0) }
            defer { Self.wipe(&password) }
            try await command(Data(password).base64EncodedString(), name: "AUTH (password)", expecting: 200..<300)
        } else {
            throw SMTPError.authenticationUnavailable
        }
    }

    private static func wipe(_ bytes: inout [UInt8]) {
        for index in bytes.indices { bytes[index] = 0 }
    }

    // MARK: Commands and replies

    @discardableResult
    private mutating func command(_ line: String, name: String? = nil, expecting codes: Range<Int>) async throws -> SMTPReply {
        try await writer.write(ByteBuffer(string: line + "\r\n"))
        return try await expect(codes, for: name ?? line)
    }

    @discardableResult
    private mutating func expect(_ codes: Range<Int>, for command: String) async throws -> SMTPReply {
        guard let reply = try await replies.next() else { throw SMTPError.connectionFailed("the relay closed the connection") }
        guard codes.contains(reply.code) else { throw SMTPError.rejected(command: command, reply: reply) }
        return reply
    }
}
