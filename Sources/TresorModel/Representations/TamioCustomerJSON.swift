import Foundation

/// Tamio's JSON shape of a customer and its addresses, as the API answers and the subject export
/// writes them.
public enum TamioCustomerJSON {
    /// The customer's JSON as `policy` shows it: hidden fields left out, redacted ones `null`
    /// and named in `withheld_fields`, masked ones named in `masked_fields` (the values were masked
    /// by ``FieldPolicy/apply(to:)``). A plain policy adds nothing.
    public static func customer(_ customer: Customer, policy: FieldPolicy) -> [String: Any] {
        var json = Self.customer(customer)
        guard !policy.isPlain else { return json }
        var withheld: [String] = []
        var masked: [String] = []
        for (field, disclosure) in policy.restricted.sorted(by: { $0.key < $1.key }) {
            let keys = field == .addresses ? ["billing_addresses", "shipping_addresses"] : [field.rawValue]
            switch disclosure {
            case .plain:
                continue
            case .masked:
                masked += keys
            case .redacted where field == .vat:
                withheld.append("vat")
            case .redacted:
                for key in keys { json[key] = NSNull() }
                withheld += keys
            case .hidden where field == .vat:
                json["billing_addresses"] = (json["billing_addresses"] as? [[String: Any]])?.map { $0.filter { $0.key != "vat" } }
                json["shipping_addresses"] = (json["shipping_addresses"] as? [[String: Any]])?.map { $0.filter { $0.key != "vat" } }
            case .hidden:
                for key in keys { json[key] = nil }
            }
        }
        if !withheld.isEmpty { json["withheld_fields"] = withheld.sorted() }
        if !masked.isEmpty { json["masked_fields"] = masked.sorted() }
        return json
    }

    public static func customer(_ customer: Customer) -> [String: Any] {
        [
            "id": customer.id.uuidString.lowercased(), "object": "customer", "name": customer.name,
            "last_name": customer.lastName ?? NSNull(), "email": customer.email, "phone": customer.phone ?? NSNull(),
            "company": customer.company ?? NSNull(), "country": customer.country.code.lowercased(),
            "locale": customer.locale ?? NSNull(), "timezone_offset": customer.timezoneOffset ?? NSNull(),
            "category": customer.category.rawValue, "priority": customer.priority.rawValue,
            "lead_status": customer.leadStatus ?? NSNull(), "teammate_id": customer.teammateID?.uuidString.lowercased() ?? NSNull(),
            "metadata": customer.metadata, "created_at": customer.createdAt, "updated_at": customer.updatedAt,
            "stripe_customer_id": customer.stripeCustomerID ?? NSNull(), "affiliate_partner_id": customer.affiliatePartnerID ?? NSNull(),
            // Tresor keeps no notes about a customer.
            "has_notes": false, "source": customer.source?.rawValue ?? NSNull(),
            "billing_addresses": customer.billingAddresses.map(address), "shipping_addresses": customer.shippingAddresses.map(address),
            "mailing_lists": customer.mailingListIDs.map { $0.uuidString.lowercased() },
        ]
    }

    public static func address(_ address: Address) -> [String: Any] {
        var json: [String: Any] = [
            "id": address.id.uuidString.lowercased(), "object": "address", "name": address.name ?? NSNull(),
            "last_name": address.lastName ?? NSNull(), "company": address.company ?? NSNull(),
            "representative": address.representative ?? NSNull(), "email": address.email ?? NSNull(),
            "phone": address.phone ?? NSNull(), "address": address.address ?? NSNull(), "city": address.city ?? NSNull(),
            "postcode": address.postcode ?? NSNull(), "state": address.state ?? NSNull(),
            "country": address.country.code.lowercased(), "locale": address.locale ?? NSNull(), "message": address.message ?? NSNull(),
            "shipping_address": address.kind == .shipping, "is_company": address.isCompany, "vat": address.vat ?? NSNull(),
            "verified_vat": address.verifiedVAT,
        ]
        if address.kind == .billing { json["custom_billing_fields"] = address.customBillingFields }
        return json
    }
}
