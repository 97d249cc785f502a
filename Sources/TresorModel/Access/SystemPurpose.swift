/// The purposes Tresor records in the access log for its own work, beside the purposes of the
/// roles and of `tresor-purpose` headers. Every one must be declared in
/// `policies/processing.yaml`, so that a subject's statement explains every purpose its access
/// log names; `tresor policy check` fails while one is missing.
public enum SystemPurpose: String, CaseIterable, Sendable {
    /// Operator commands (`tresor keys`, `tresor erasure`, …).
    case administration
    /// Delivering webhook events to the operator's endpoints.
    case webhookNotification = "webhook-notification"
    /// Sending the emails the operator queued.
    case email
    /// Legal holds and the retention job.
    case legalObligation = "legal-obligation"
    /// Erasures and their replay at a restore.
    case erasureRequest = "erasure-request"
}
