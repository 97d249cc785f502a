import Hummingbird
import HummingbirdCore
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTPTypes

/// How long a client may take and how many connections it may hold (Docs/operations.md, "Slow
/// and abusive clients").
public struct ConnectionLimits: Sendable {
    /// A request's headers must have arrived in full this long after the connection opened or the
    /// previous response ended, else the connection is closed. It is also how long an idle
    /// keep-alive connection stays open. A client trickling its headers a byte at a time is
    /// closed after it.
    public var headerTimeout: Duration
    /// A request's body must have arrived in full this long after its headers.
    public var bodyTimeout: Duration
    /// Connections open at once; one more is closed as soon as it is accepted.
    public var maximumConnections: Int

    public init(headerTimeout: Duration = .seconds(10), bodyTimeout: Duration = .seconds(30), maximumConnections: Int = 1_024) {
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.maximumConnections = maximumConnections
    }

    /// The HTTP/1.1 server with these limits.
    func server() -> HTTPServerBuilder {
        let open = OpenConnections(maximum: maximumConnections)
        let bodyTimeout = TimeAmount(bodyTimeout)
        return .http1(configuration: .init(
            additionalChannelHandlers: [ConnectionCountHandler(open: open), RequestBodyTimeoutHandler(timeout: bodyTimeout)],
            idleTimeout: TimeAmount(headerTimeout)))
    }
}

/// The number of open connections, shared by every connection's ``ConnectionCountHandler``.
final class OpenConnections: Sendable {
    let maximum: Int
    private let count = NIOLockedValueBox(0)

    init(maximum: Int) {
        self.maximum = maximum
    }

    /// Counts a new connection; false when it would be one too many (it is then not counted).
    func admit() -> Bool {
        count.withLockedValue { count in
            guard count < maximum else { return false }
            count += 1
            return true
        }
    }

    func release() {
        count.withLockedValue { $0 -= 1 }
    }
}

/// Closes a connection beyond ``OpenConnections/maximum`` as soon as it is set up.
final class ConnectionCountHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny
    private let open: OpenConnections
    private var admitted = false

    init(open: OpenConnections) {
        self.open = open
    }

    func handlerAdded(context: ChannelHandlerContext) {
        admitted = open.admit()
        if !admitted { context.close(promise: nil) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        if admitted { open.release() }
        admitted = false
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.fireChannelRead(data)
    }
}

/// Closes a connection whose request body has not arrived in full within the timeout of its
/// headers (a client that trickles its body).
final class RequestBodyTimeoutHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    private let timeout: TimeAmount
    private var scheduled: Scheduled<Void>?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            scheduled?.cancel()
            let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
            scheduled = context.eventLoop.scheduleTask(in: timeout) { loopBound.value.close(promise: nil) }
        case .end:
            scheduled?.cancel()
            scheduled = nil
        case .body:
            break
        }
        context.fireChannelRead(data)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        scheduled?.cancel()
        scheduled = nil
    }
}
