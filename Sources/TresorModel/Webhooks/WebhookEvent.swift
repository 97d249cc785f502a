/// The customer events an app can subscribe to (Tamio's names).
public enum WebhookEvent: String, Sendable, CaseIterable, Codable {
    case customerCreated = "customer-created"
    case customerUpdated = "customer-updated"
    case customerRemoved = "customer-removed"
}

/// What a webhook carries: ids and changed field names only, or Tamio's whole customer object.
public enum WebhookPayload: String, Sendable, CaseIterable, Codable {
    /// `id`, `event`, the names of the changed fields: no personal data beyond the customer's id.
    case minimal
    /// Tamio's whole customer object: a disclosure of personal data to the endpoint's owner.
    case full
}
