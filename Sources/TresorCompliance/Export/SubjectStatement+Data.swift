import Foundation
import TresorModel

/// The parts of the statement that show the subject's own data, in the reader's words: every
/// value held, the messages sent to them apart from the notifications to systems, the legal holds
/// and their requests.
extension SubjectStatement {
    /// Label and value of every profile field that holds something.
    func profileRows(_ wording: StatementWording) -> [[String: String]] {
        let customer = data.customer
        var rows: [(String, String?)] = [
            ("name", customer.name), ("last_name", customer.lastName), ("email", customer.email), ("phone", customer.phone),
            ("company", customer.company), ("country", wording.country(customer.country)), ("locale", customer.locale.map(wording.languageName)),
            ("timezone_offset", customer.timezoneOffset.map { "UTC\($0)" }), ("category", wording.value(customer.category.rawValue)),
            ("priority", wording.value(customer.priority.rawValue)), ("lead_status", customer.leadStatus),
            ("teammate_id", data.teammate?.name), ("stripe_customer_id", customer.stripeCustomerID),
            ("affiliate_partner_id", customer.affiliatePartnerID), ("source", customer.source.map { wording.value("source." + $0.rawValue) }),
            ("mailing_lists", data.mailingLists.isEmpty ? nil : data.mailingLists.map(\.name).joined(separator: ", ")),
        ]
        // Metadata keys are the operator's own names; shown as words ("shop_id" as "shop id").
        for key in customer.metadata.keys.sorted() {
            rows.append(("\(wording.field("metadata")): \(key.replacingOccurrences(of: "_", with: " "))", customer.metadata[key]))
        }
        rows += [("created_at", wording.moment(seconds: customer.createdAt)), ("updated_at", wording.moment(seconds: customer.updatedAt))]
        return rows.compactMap { label, value in
            guard let value, !value.isEmpty else { return nil }
            return ["label": label.contains(": ") ? label : wording.field(label), "value": value]
        }
    }

    /// Each address with its own rows, titled "Billing address 1" and so on.
    func addressBlocks(_ wording: StatementWording) -> [[String: Any]] {
        func block(_ address: Address, title: String) -> [String: Any] {
            let fields: [(String, String?)] = [
                ("name", address.name), ("last_name", address.lastName), ("company", address.company), ("representative", address.representative),
                ("email", address.email), ("phone", address.phone), ("address", address.address), ("postcode", address.postcode),
                ("city", address.city), ("state", address.state), ("country", wording.country(address.country)),
                ("message", address.message), ("is_company", wording.yesNo(address.isCompany)), ("vat", address.vat),
            ]
            var rows = fields.compactMap { field, value -> [String: String]? in
                guard let value, !value.isEmpty else { return nil }
                return ["label": wording.field(field), "value": value]
            }
            // The operator's own billing fields, named as they are ("po_number" as "po number").
            for key in address.customBillingFields.keys.sorted() {
                rows.append(["label": key.replacingOccurrences(of: "_", with: " "), "value": address.customBillingFields[key] ?? ""])
            }
            return ["title": title, "rows": rows]
        }
        let billing = wording.language == "de" ? "Rechnungsadresse" : "Billing address"
        let shipping = wording.language == "de" ? "Lieferadresse" : "Shipping address"
        return data.customer.billingAddresses.enumerated().map { block($1, title: "\(billing) \($0 + 1)") }
            + data.customer.shippingAddresses.enumerated().map { block($1, title: "\(shipping) \($0 + 1)") }
    }

    /// The emails sent to the subject: which message, when, and what became of it.
    func messageRows(_ wording: StatementWording) -> [[String: String]] {
        data.emails.map { item in
            ["message": item.email.templateName, "when": wording.moment(seconds: item.email.sentAt ?? item.email.createdAt),
             "status": wording.value(item.email.status.rawValue)]
        }
    }

    /// The notifications about the subject delivered to the controller's own systems, per recipient.
    func notificationRows(_ wording: StatementWording) -> [[String: String]] {
        var counts: [String: (count: Int, last: Int64)] = [:]
        var order: [String] = []
        for item in data.webhookDeliveries {
            guard let deliveredAt = item.delivery.deliveredAt else { continue }  // not sent (yet): nothing left Tresor
            if counts[item.recipient] == nil { order.append(item.recipient) }
            let previous = counts[item.recipient] ?? (0, 0)
            counts[item.recipient] = (previous.count + 1, max(previous.last, deliveredAt))
        }
        return order.map { ["recipient": $0, "times": String(counts[$0]!.count), "last": wording.moment(seconds: counts[$0]!.last)] }
    }

    /// The legal holds on the subject's data: what is kept, why, until when.
    func holdRows(_ wording: StatementWording) -> [[String: String]] {
        data.holds.map { hold in
            let purpose = processing.purposes.first { $0.id == hold.purpose }?.name.text(language) ?? hold.purpose
            let what = processing.categoryName(hold.category.rawValue, language: language) ?? wording.field(hold.category.rawValue)
            return ["what": what, "why": "\(purpose) (\(hold.legalBasis))", "until": wording.day(hold.until),
                    "status": wording.value(hold.status.rawValue)]
        }
    }

    /// The subject's requests and where each stands.
    func requestRows(_ wording: StatementWording) -> [[String: String]] {
        data.requests.map { request in
            ["kind": wording.value("erasure"), "received": wording.day(request.receivedOn), "status": wording.value(request.status.rawValue)]
        }
    }
}
