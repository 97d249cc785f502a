import Foundation

/// Webhook endpoints, deliveries and events in the API's JSON shapes.
public enum WebhookJSON {
    public static let endpointFields: Set<String> = ["name", "url", "events", "country", "transfer_basis", "payload",
                                                     "tamio_signature", "tamio_signature_header"]

    public static func endpoint(_ endpoint: WebhookEndpoint, secret: String? = nil) -> [String: Any] {
        var object: [String: Any] = [
            "id": endpoint.id.uuidString.lowercased(), "object": "webhook_endpoint", "name": endpoint.name ?? NSNull(), "url": endpoint.url,
            "events": endpoint.events.map(\.rawValue), "country": endpoint.country.code.lowercased(),
            "transfer_basis": endpoint.transferBasis ?? NSNull(), "payload": endpoint.payload.rawValue,
            "status": endpoint.disabledAt == nil ? "enabled" : "disabled", "created_at": endpoint.createdAt,
            "disabled_at": endpoint.disabledAt ?? NSNull(),
            "previous_secret_expires_at": endpoint.previousSecretExpiresAt ?? NSNull(), "role": endpoint.roleName ?? NSNull(),
            "tamio_signature_header": endpoint.tamioSignatureHeader ?? NSNull(),
        ]
        if let secret { object["secret"] = secret }
        return object
    }

    /// A delivery with its attempts; without `detailed`, no attempt's duration (the service has
    /// already left out status codes and errors).
    public static func delivery(_ delivery: WebhookDelivery, attempts: [WebhookAttempt], detailed: Bool) -> [String: Any] {
        [
            "id": delivery.id, "object": "webhook_delivery", "endpoint_id": delivery.endpointID.uuidString.lowercased(),
            "event_id": delivery.eventID, "event_type": delivery.event.rawValue, "customer_id": delivery.customerID.uuidString.lowercased(),
            "status": delivery.status.rawValue, "attempts": delivery.attempts, "created_at": delivery.createdAt,
            "next_attempt_at": delivery.nextAttemptAt ?? NSNull(), "delivered_at": delivery.deliveredAt ?? NSNull(),
            "last_status_code": delivery.lastStatusCode ?? NSNull(), "last_error": delivery.lastError ?? NSNull(),
            "attempt_log": attempts.map { attempt -> [String: Any] in
                ["attempt": attempt.number, "at": attempt.at, "outcome": attempt.number == delivery.attempts && delivery.status == .delivered ? "delivered" : "failed",
                 "status_code": attempt.statusCode ?? NSNull(), "error": attempt.error ?? NSNull(),
                 "duration_ms": detailed ? attempt.durationMilliseconds : NSNull()]
            },
        ]
    }

    /// Tamio's event envelope. Minimal payloads carry the customer's id and the changed field
    /// names; full ones Tamio's whole customer object.
    /// The event as sent; a full payload's customer as `policy` shows it (the endpoint's role's).
    public static func event(_ delivery: WebhookDelivery, changedFields: [String], customer: Customer?, payload: WebhookPayload, createdAt: Int64,
                             policy: FieldPolicy = .plain) -> [String: Any] {
        var data: [String: Any]
        let id = delivery.customerID.uuidString.lowercased()
        if delivery.event == .customerRemoved {
            data = ["customer": ["id": id, "object": "customer", "deleted": true]]
        } else if payload == .full, let customer {
            data = ["customer": TamioCustomerJSON.customer(policy.apply(to: customer), policy: policy)]
        } else {
            data = ["customer": ["id": id, "object": "customer"]]
        }
        data["changed_fields"] = changedFields
        return [
            "event_id": delivery.eventID, "event_type": delivery.event.rawValue, "api_version": 2, "object": "event",
            "created_at": createdAt, "endpoint_id": delivery.endpointID.uuidString.lowercased(), "data": data,
        ]
    }
}
