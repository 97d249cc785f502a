import NIOCore
import NIOPosix
import NIOSSL

/// A small SMTP client (RFC 5321) on SwiftNIO: EHLO, STARTTLS (RFC 3207), AUTH PLAIN or LOGIN
/// (RFC 4954), then one mail transaction per message with dot-stuffed DATA, and QUIT.
///
/// ``send(_:)`` opens one connection for a batch of messages; a message the relay refuses does
/// not stop the others (RSET, next), a broken connection fails the rest with the same error.
public struct SMTPClient: Sendable {
    public let configuration: SMTPConfiguration
    let tlsContext: NIOSSLContext?

    /// Validates the configuration and loads the TLS trust roots; throws ``SMTPConfigurationError``.
    public init(configuration: SMTPConfiguration) throws {
        try configuration.validate()
        self.configuration = configuration
        guard configuration.security == .startTLS else {
            tlsContext = nil
            return
        }
        var tls = TLSConfiguration.makeClientConfiguration()
        if let file = configuration.trustRootsFile { tls.trustRoots = .file(file) }
        do {
            tlsContext = try NIOSSLContext(configuration: tls)
        } catch {
            throw SMTPConfigurationError("the TLS trust roots could not be loaded (\(configuration.trustRootsFile ?? "system")): \(error)")
        }
    }

    /// Sends `messages` over one connection; one result per message, in order.
    public func send(_ messages: [SMTPMessage]) async -> [Result<Void, SMTPError>] {
        guard !messages.isEmpty else { return [] }
        var results: [Result<Void, SMTPError>] = []
        do {
            let channel = try await connect()
            try await channel.executeThenClose { replies, writer in
                var session = SMTPSession(channel: channel.channel, replies: replies.makeAsyncIterator(), writer: writer,
                                          configuration: configuration, tlsContext: tlsContext)
                try await session.open()
                for message in messages {
                    do {
                        try await session.transfer(message)
                        results.append(.success(()))
                    } catch let error as SMTPError {
                        guard case .rejected = error else { throw error }
                        results.append(.failure(error))
                        try await session.reset()
                    }
                }
                try? await session.quit()
            }
        } catch {
            let failure = (error as? SMTPError) ?? Self.classify(error)
            while results.count < messages.count { results.append(.failure(failure)) }
        }
        return results
    }

    private func connect() async throws -> NIOAsyncChannel<SMTPReply, ByteBuffer> {
        let replyTimeout = TimeAmount.nanoseconds(Int64(configuration.replyTimeout.components.seconds) * 1_000_000_000
            + configuration.replyTimeout.components.attoseconds / 1_000_000_000)
        let connectTimeout = TimeAmount.seconds(max(1, configuration.connectTimeout.components.seconds))
        return try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(connectTimeout)
            .connect(host: configuration.host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(IdleStateHandler(readTimeout: replyTimeout))
                    try channel.pipeline.syncOperations.addHandler(ReplyTimeoutHandler())
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                    return try NIOAsyncChannel<SMTPReply, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
    }

    /// A transport error as an ``SMTPError``: TLS failures are not retried into plain text.
    static func classify(_ error: any Error) -> SMTPError {
        if error is NIOSSLError || error is BoringSSLError { return .tlsUnavailable("the TLS handshake failed") }
        if error is ChannelError, case .connectTimeout = error as? ChannelError { return .timedOut }
        return .connectionFailed(String(describing: type(of: error)))
    }
}

/// Turns a read timeout of the ``IdleStateHandler`` into ``SMTPError/timedOut`` and closes.
final class ReplyTimeoutHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case IdleStateHandler.IdleStateEvent.read = event {
            context.fireErrorCaught(SMTPError.timedOut)
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }
}
