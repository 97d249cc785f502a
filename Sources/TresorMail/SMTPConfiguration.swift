import TresorCrypto

/// Where and how the SMTP client reaches its relay.
public struct SMTPConfiguration: Sendable {
    /// How the connection is protected.
    public enum Security: String, Sendable {
        /// Plain text throughout: only for a relay on the same host or a trusted private network.
        case none
        /// STARTTLS (RFC 3207) before anything else is sent; a relay that does not offer it is
        /// refused, never used in plain text.
        case startTLS = "starttls"
    }

    /// A user name and password for SMTP AUTH (PLAIN, else LOGIN). The password is kept in
    /// memory that is zeroed when released.
    public struct Credentials: Sendable {
        public var username: String
        public var password: SecureBytes

        public init(username: String, password: SecureBytes) {
            self.username = username
            self.password = password
        }
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var credentials: Credentials?
    /// A PEM file of CA certificates to trust instead of the system's (a private relay's CA).
    public var trustRootsFile: String?
    /// The name this client gives in EHLO.
    public var clientName: String
    public var connectTimeout: Duration
    /// How long to wait for any one reply.
    public var replyTimeout: Duration

    public init(host: String, port: Int, security: Security = .startTLS, credentials: Credentials? = nil, trustRootsFile: String? = nil,
                clientName: String = "localhost", connectTimeout: Duration = .seconds(10), replyTimeout: Duration = .seconds(60)) {
        self.host = host
        self.port = port
        self.security = security
        self.credentials = credentials
        self.trustRootsFile = trustRootsFile
        self.clientName = clientName
        self.connectTimeout = connectTimeout
        self.replyTimeout = replyTimeout
    }

    /// Checks what can be checked before connecting; throws a message naming the setting.
    public func validate() throws {
        guard !host.isEmpty, !host.contains(where: { $0.isWhitespace }) else { throw SMTPConfigurationError("the relay host must be a host name or address") }
        guard (1...65_535).contains(port) else { throw SMTPConfigurationError("the relay port must be 1 to 65535") }
        if credentials != nil && security == .none {
            throw SMTPConfigurationError("AUTH needs STARTTLS: without it the password would cross the network in clear")
        }
    }
}

/// A relay setting that cannot work.
public struct SMTPConfigurationError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
