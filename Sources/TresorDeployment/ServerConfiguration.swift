import Foundation
import TresorCompliance
import TresorHTTP
import TresorMail
import TresorService

/// What one `tresor serve` process runs. Several `api` processes can share one `worker`; `all`
/// (the default) is both in one process.
public enum ServerRole: String, CaseIterable, Sendable {
    /// The HTTP API only: requests are answered, emails and webhook events queued.
    case api
    /// The background work only: webhook and email delivery, the retention job, access-log
    /// checkpoints and pruning.
    case worker
    /// Both.
    case all

    var servesHTTP: Bool { self != .worker }
    var runsJobs: Bool { self != .api }
}

/// The mail relay a deployment sends through: the client, and how queued emails name the relay.
public struct MailRelay: Sendable {
    public var client: SMTPClient
    public var settings: EmailSettings

    public init(client: SMTPClient, settings: EmailSettings) {
        self.client = client
        self.settings = settings
    }
}

/// Everything a running deployment needs besides its storage (``Deployment``): policies, mail
/// relay, role, where to listen.
public struct ServerConfiguration: Sendable {
    public var policies: PolicySet
    public var mailRelay: MailRelay?
    public var role: ServerRole
    /// Which webhook destinations are allowed (`.development` lets loopback receivers in).
    public var webhookDestinations: WebhookDestinationCheck
    public var host: String
    public var port: Int
    /// Header and body timeouts, the most connections open at once.
    public var limits: ConnectionLimits
    /// Served at `/openapi.yaml` when given.
    public var openAPIDocument: String?
    /// The version the process reports in exports.
    public var tresorVersion: String

    public init(policies: PolicySet, mailRelay: MailRelay? = nil, role: ServerRole = .all,
                webhookDestinations: WebhookDestinationCheck = .production, host: String = "127.0.0.1", port: Int = 8080,
                limits: ConnectionLimits = ConnectionLimits(), openAPIDocument: String? = nil, tresorVersion: String) {
        self.policies = policies
        self.mailRelay = mailRelay
        self.role = role
        self.webhookDestinations = webhookDestinations
        self.host = host
        self.port = port
        self.limits = limits
        self.openAPIDocument = openAPIDocument
        self.tresorVersion = tresorVersion
    }
}
