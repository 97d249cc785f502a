import TresorMail

/// How this deployment sends email: the sender and a description of the relay for the access
/// log. Without settings, `send-email` answers that email is not configured.
public struct EmailSettings: Sendable {
    /// The `From:` address and envelope sender.
    public var sender: MailAddress
    /// The relay as the access log and the email records name it, e.g.
    /// `mail relay smtp.example.eu:587 (DE)`.
    public var relay: String

    public init(sender: MailAddress, relay: String) {
        self.sender = sender
        self.relay = relay
    }
}
