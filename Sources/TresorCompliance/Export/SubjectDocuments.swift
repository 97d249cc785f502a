import Foundation
import TresorModel

/// `subject.json` (every personal datum held, Art. 15(3)) and `portable.json` with its JSON
/// Schema (what the subject provided, Art. 20).
enum SubjectDocuments {
    static func subject(_ data: SubjectData, exportedAt: String) -> Data {
        var customer = TamioCustomerJSON.customer(data.customer)
        // RFC 3339 here, not Tamio's Unix seconds: the file is read by people and their tools.
        customer["created_at"] = timestamp(data.customer.createdAt)
        customer["updated_at"] = timestamp(data.customer.updatedAt)
        customer["mailing_lists"] = data.mailingLists.map { ["id": $0.id.uuidString.lowercased(), "name": $0.name] as [String: Any] }
        customer["teammate"] = data.teammate.map { ["id": $0.id.uuidString.lowercased(), "name": $0.name] as [String: Any] } ?? NSNull()
        let webhooks: [[String: Any]] = data.webhookDeliveries.map { item in
            [
                "event": item.delivery.event.rawValue, "recipient": item.recipient, "queued_at": timestamp(item.delivery.createdAt),
                "delivered_at": item.delivery.deliveredAt.map(timestamp) ?? NSNull(), "status": item.delivery.status.rawValue,
            ]
        }
        let emails: [[String: Any]] = data.emails.map { item in
            [
                "template": item.email.templateName, "recipient": item.address ?? NSNull(), "relay": item.email.relay,
                "queued_at": timestamp(item.email.createdAt), "sent_at": item.email.sentAt.map(timestamp) ?? NSNull(),
                "status": item.email.status.rawValue, "fields": item.email.fields,
            ]
        }
        let holds: [[String: Any]] = data.holds.map { hold in
            [
                "id": hold.id.lowercaseText, "category": hold.category.rawValue, "legal_basis": hold.legalBasis, "purpose": hold.purpose,
                "until": hold.until.description, "status": hold.status.rawValue, "created_at": timestamp(hold.createdAt),
            ]
        }
        let requests: [[String: Any]] = data.requests.map { request in
            [
                "id": request.id.lowercaseText, "kind": "erasure", "received_on": request.receivedOn.description, "status": request.status.rawValue,
                "deadline": request.deadline.due.description,
            ]
        }
        return JSONWriter.data([
            "object": "subject_export", "exported_at": exportedAt, "customer": customer,
            "disclosures": ["webhooks": webhooks, "emails": emails], "legal_holds": holds, "requests": requests,
        ])
    }

    /// The data the customer gave: profile and contact fields, addresses, newsletter lists. Not
    /// what the business recorded about them (category, priority, lead status, teammate, metadata).
    static func portable(_ data: SubjectData) -> Data {
        let customer = data.customer
        func address(_ address: Address) -> [String: Any] {
            TamioCustomerJSON.address(address).filter { portableAddressFields.contains($0.key) }
        }
        return JSONWriter.data([
            "$schema": "portable.schema.json", "format": "tresor-portable-customer/1",
            "name": customer.name, "last_name": customer.lastName ?? NSNull(), "email": customer.email, "phone": customer.phone ?? NSNull(),
            "company": customer.company ?? NSNull(), "country": customer.country.code.lowercased(), "locale": customer.locale ?? NSNull(),
            "timezone_offset": customer.timezoneOffset ?? NSNull(),
            "billing_addresses": customer.billingAddresses.map(address), "shipping_addresses": customer.shippingAddresses.map(address),
            "newsletters": data.mailingLists.map(\.name),
        ])
    }

    /// The address fields the subject provides (not ids, the kind, or the VAT check's result).
    static let portableAddressFields: Set<String> = ["name", "last_name", "company", "representative", "email", "phone", "address", "city",
                                                     "postcode", "state", "country", "message", "is_company", "vat"]

    static func timestamp(_ seconds: Int64) -> String { AccessLogJSON.timestamp(seconds * 1000) }

    /// JSON Schema (2020-12) of `portable.json`.
    static let portableSchema = Data("""
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "$id": "https://tresor.dev/schemas/portable-customer-1.json",
      "title": "Customer data provided by the data subject (GDPR Art. 20)",
      "type": "object",
      "required": ["format", "name", "email", "country", "billing_addresses", "shipping_addresses", "newsletters"],
      "additionalProperties": false,
      "properties": {
        "$schema": { "type": "string" },
        "format": { "const": "tresor-portable-customer/1" },
        "name": { "type": "string" },
        "last_name": { "type": ["string", "null"] },
        "email": { "type": "string", "format": "email" },
        "phone": { "type": ["string", "null"] },
        "company": { "type": ["string", "null"] },
        "country": { "type": "string", "pattern": "^[a-z]{2}$", "description": "ISO 3166-1 alpha-2, lower case" },
        "locale": { "type": ["string", "null"] },
        "timezone_offset": { "type": ["string", "null"] },
        "billing_addresses": { "type": "array", "items": { "$ref": "#/$defs/address" } },
        "shipping_addresses": { "type": "array", "items": { "$ref": "#/$defs/address" } },
        "newsletters": { "type": "array", "items": { "type": "string" }, "description": "mailing lists subscribed to" }
      },
      "$defs": {
        "address": {
          "type": "object",
          "required": ["country", "is_company"],
          "additionalProperties": false,
          "properties": {
            "name": { "type": ["string", "null"] },
            "last_name": { "type": ["string", "null"] },
            "company": { "type": ["string", "null"] },
            "representative": { "type": ["string", "null"] },
            "email": { "type": ["string", "null"] },
            "phone": { "type": ["string", "null"] },
            "address": { "type": ["string", "null"] },
            "city": { "type": ["string", "null"] },
            "postcode": { "type": ["string", "null"] },
            "state": { "type": ["string", "null"] },
            "country": { "type": "string", "pattern": "^[a-z]{2}$" },
            "message": { "type": ["string", "null"] },
            "is_company": { "type": "boolean" },
            "vat": { "type": ["string", "null"] }
          }
        }
      }
    }

    """.utf8)
}
