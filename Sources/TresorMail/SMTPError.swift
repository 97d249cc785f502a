/// Why a message was not accepted by the relay. ``isTransient`` decides between trying again
/// later and giving up: 4xx replies, timeouts and connection failures are transient; 5xx replies
/// and messages the client refuses to send are not.
public enum SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server answered a command with a negative reply.
    case rejected(command: String, reply: SMTPReply)
    /// Connecting failed or the connection broke.
    case connectionFailed(String)
    /// No reply within the time allowed.
    case timedOut
    /// The server said something that is not SMTP.
    case protocolViolation(String)
    /// STARTTLS is required by the configuration but the server does not offer it, or the
    /// handshake failed. Never downgraded to plain text.
    case tlsUnavailable(String)
    /// AUTH was configured but the server offers no mechanism the client supports.
    case authenticationUnavailable
    /// The message or an address cannot be sent as is (e.g. a line break in an address).
    case invalidMessage(String)

    public var isTransient: Bool {
        switch self {
        case let .rejected(_, reply): return reply.isTransient
        case .connectionFailed, .timedOut, .protocolViolation: return true
        case .tlsUnavailable, .authenticationUnavailable, .invalidMessage: return false
        }
    }

    /// A short description without any message content or address.
    public var description: String {
        switch self {
        case let .rejected(command, reply): return "\(command) rejected: \(reply.summary)"
        case let .connectionFailed(reason): return "connection failed: \(reason)"
        case .timedOut: return "the relay did not answer in time"
        case let .protocolViolation(reason): return "not an SMTP reply: \(reason)"
        case let .tlsUnavailable(reason): return "STARTTLS required but \(reason)"
        case .authenticationUnavailable: return "AUTH configured but the relay offers neither PLAIN nor LOGIN"
        case let .invalidMessage(reason): return "message not sendable: \(reason)"
        }
    }
}
