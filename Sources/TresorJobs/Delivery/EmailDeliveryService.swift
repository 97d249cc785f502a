import Foundation
import Logging
import ServiceLifecycle
import TresorMail
import TresorModel
import TresorStore

/// Sends the email outbox through the SMTP relay, run in the server's service group: up to 50
/// due emails per connection, a refused or failed email retried on the webhook schedule (5 s,
/// 5 min, 30 min, … about a day in all), a permanent refusal (5xx) final. Every attempt is an
/// access-log entry naming the relay.
public struct EmailDeliveryService: Service {
    let outbox: EmailOutbox
    let client: SMTPClient
    let sender: MailAddress
    let logger: Logger
    var schedule = RetrySchedule.standard
    /// Emails sent over one connection.
    var batchSize = 50
    /// How long to wait when nothing is due.
    var idleInterval = Duration.milliseconds(500)
    static let actor = AccessActor(kind: .system, id: "email-delivery", name: "email delivery")
    /// Retry times.
    let clock: WallClock

    public init(outbox: EmailOutbox, client: SMTPClient, sender: MailAddress, logger: Logger, clock: WallClock = .system) {
        self.clock = clock
        self.outbox = outbox
        self.client = client
        self.sender = sender
        self.logger = logger
    }

    public func run() async throws {
        await StorageBackoff.pollUntilShutdown(job: "email-delivery", logger: logger, idleInterval: idleInterval,
                                               failure: "reading the email outbox failed") { try await deliverDue() }
    }

    /// Makes one attempt at each email due now (up to the batch size) over one connection;
    /// returns how many were attempted.
    public func deliverDue() async throws -> Int {
        let due = try await outbox.dueEmails(limit: batchSize)
        guard !due.isEmpty else { return 0 }
        let messages = due.map { SMTPMessage(sender: sender.address, recipients: [$0.recipient], content: $0.message) }
        let sent = await client.send(messages)
        let now = clock.seconds
        let results = zip(due, sent).map { item, result -> EmailOutbox.AttemptResult in
            let outcome: EmailOutbox.AttemptOutcome
            switch result {
            case .success:
                outcome = .sent
            case let .failure(error):
                if error.isTransient, let delay = schedule.delay(after: item.email.attempts + 1) {
                    outcome = .retry(error: error.description, at: now + delay)
                } else {
                    outcome = .failed(error: error.description)
                }
            }
            return EmailOutbox.AttemptResult(email: item.email, outcome: outcome, access: access(item.email, sent: outcome == .sent))
        }
        do {
            try await outbox.record(results)
        } catch {
            // Unrecorded attempts stay queued and are sent again (at least once).
            logger.error("recording email attempts failed", metadata: ["attempts": "\(results.count)", "error_type": "\(type(of: error))"])
        }
        let failures = results.filter { $0.outcome != .sent }.count
        if failures > 0 { logger.notice("emails not accepted by the relay", metadata: ["count": "\(failures)"]) }
        return due.count
    }

    /// The attempt's access-log entry: the fields the message holds went to the relay.
    private func access(_ email: Email, sent: Bool) -> AccessRecord {
        AccessRecord(actor: Self.actor, action: "email.deliver", subjects: [email.customerID], fields: email.fields, purpose: SystemPurpose.email.rawValue,
                     requestID: email.id, outcome: sent ? .ok : .error, recipient: email.relay)
    }
}
