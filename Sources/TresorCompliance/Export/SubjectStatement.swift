import Foundation
import Mustache
import TresorModel

/// The Art. 15 statement (`statement.html`, `statement.txt`): (a)–(h) and 15(2), from the
/// processing and residency policies and what was actually sent, in the subject's language
/// when the statement has it (English and German), else English.
struct SubjectStatement {
    let data: SubjectData
    let processing: ProcessingPolicy
    let residency: ResidencyPolicy
    let language: String
    let generatedAt: String
    let accessCount: Int
    let files: [String]
    /// What each role saw of the subject, from the access log.
    var seenBy = RoleDisclosures()

    /// `requested` if given and supported, else the customer's locale, else English.
    static func language(requested: String?, customer: Customer) -> String {
        for candidate in [requested, customer.locale].compactMap({ $0?.lowercased().prefix(2) }).map(String.init)
        where StatementLabels.languages.contains(candidate) {
            return candidate
        }
        return "en"
    }

    func html() throws -> String { try MustacheTemplate(string: StatementTemplates.html).render(context()) }
    func text() throws -> String { try MustacheTemplate(string: StatementTemplates.text).render(context()) }

    func context() -> [String: Any] {
        let lang = language
        var labels = StatementLabels.labels(lang)
        let country = residency.storageCountry?.code ?? "?"
        labels["storage_text"] = labels["storage_text"]!.replacingOccurrences(of: "%REGION%", with: residency.storageRegion)
            .replacingOccurrences(of: "%COUNTRY%", with: country)
        labels["accesses_text"] = labels["accesses_text"]!.replacingOccurrences(of: "%COUNT%", with: String(accessCount))
        let categoryNames = Dictionary(uniqueKeysWithValues: processing.categories.map { ($0.id, $0.name.text(lang)) })
        let heldFields = Self.fieldsHeld(data)
        let controller = processing.controller
        let wording = StatementWording(language: lang)
        let disclosures = disclosures(wording)
        let transfers = transfers(labels)
        let messages = messageRows(wording), notifications = notificationRows(wording)
        let holds = holdRows(wording), requests = requestRows(wording), addresses = addressBlocks(wording)
        return [
            "lang": lang, "label": labels, "generated_at": wording.moment(rfc3339: generatedAt), "subject_id": data.customer.id.uuidString.lowercased(),
            "your_data": profileRows(wording), "addresses": addresses, "has_addresses": !addresses.isEmpty,
            "messages": messages, "has_messages": !messages.isEmpty, "notifications": notifications, "has_notifications": !notifications.isEmpty,
            "holds": holds, "has_holds": !holds.isEmpty, "requests": requests, "has_requests": !requests.isEmpty,
            "controller": ["name": controller.name, "address": controller.address, "contact": controller.contact,
                           "dpo": controller.dataProtectionOfficer as Any, "authority": controller.supervisoryAuthority.text(lang)],
            "purposes": processing.purposes.map { purpose -> [String: Any] in
                ["name": purpose.name.text(lang), "legal_basis": purpose.legalBasis.text(lang), "retention": purpose.retention.text(lang),
                 "categories": purpose.categories.compactMap { categoryNames[$0] }.joined(separator: ", ")]
            },
            "categories": processing.categories.map { category -> [String: Any] in
                let held = category.fields.filter(heldFields.contains)
                return ["name": category.name.text(lang), "fields": category.fields.map(wording.field).joined(separator: ", "),
                        "held": held.isEmpty ? labels["no"]! : labels["yes"]! + " (" + held.map(wording.field).joined(separator: ", ") + ")",
                        "source": category.source?.text(lang) ?? labels["from_you"]!]
            },
            "recipients": processing.recipients.map { recipient -> [String: Any] in
                ["name": recipient.name.text(lang), "country": recipient.country.code,
                 "purposes": recipient.purposes.compactMap { id in processing.purposes.first { $0.id == id }?.name.text(lang) }.joined(separator: ", ")]
            },
            "disclosures": disclosures, "has_disclosures": !disclosures.isEmpty,
            "seen_by": seenBy.rows(wording), "has_seen_by": !seenBy.byRole.isEmpty,
            "transfers": transfers, "has_transfers": !transfers.isEmpty,
            "automated": processing.automatedDecisions.text(lang),
            "files": files,
        ]
    }

    /// The recipients that actually received the subject's data, with how often and when last.
    private func disclosures(_ wording: StatementWording) -> [[String: Any]] {
        var byRecipient: [String: (count: Int, last: Int64)] = [:]
        var order: [String] = []
        for item in data.webhookDeliveries where item.delivery.deliveredAt != nil {
            if byRecipient[item.recipient] == nil { order.append(item.recipient) }
            let previous = byRecipient[item.recipient] ?? (0, 0)
            byRecipient[item.recipient] = (previous.count + 1, max(previous.last, item.delivery.deliveredAt ?? 0))
        }
        for item in data.emails where item.email.sentAt != nil {
            if byRecipient[item.email.relay] == nil { order.append(item.email.relay) }
            let previous = byRecipient[item.email.relay] ?? (0, 0)
            byRecipient[item.email.relay] = (previous.count + 1, max(previous.last, item.email.sentAt ?? 0))
        }
        return order.map { ["recipient": $0, "times": byRecipient[$0]!.count, "last": wording.moment(seconds: byRecipient[$0]!.last)] }
    }

    /// Recipients in third countries and what makes each transfer lawful.
    private func transfers(_ labels: [String: String]) -> [[String: Any]] {
        var rows: [[String: Any]] = []
        for recipient in processing.recipients where !recipient.country.isEEAMember {
            let safeguard: String
            switch residency.transferDecision(to: recipient.country) {
            case .adequacy: safeguard = labels["adequacy"]!
            case let .recordedBasis(basis): safeguard = recipient.safeguards?.text(language) ?? basis
            default: safeguard = recipient.safeguards?.text(language) ?? "-"
            }
            rows.append(["recipient": recipient.name.text(language), "country": recipient.country.code, "safeguards": safeguard])
        }
        for recipient in Set(data.webhookDeliveries.map(\.recipient) + data.emails.map(\.email.relay)).sorted() where recipient.contains("transfer basis: ") {
            let basis = recipient.components(separatedBy: "transfer basis: ").last ?? ""
            rows.append(["recipient": recipient.components(separatedBy: ", transfer basis").first ?? recipient, "country": "", "safeguards": basis])
        }
        return rows
    }

    /// The fields that have a value for this subject.
    static func fieldsHeld(_ data: SubjectData) -> Set<String> {
        let customer = data.customer
        var held: Set<String> = ["name", "email", "country", "category", "priority"]
        let optional: [(String, Bool)] = [
            ("last_name", customer.lastName != nil), ("phone", customer.phone != nil), ("company", customer.company != nil),
            ("locale", customer.locale != nil), ("timezone_offset", customer.timezoneOffset != nil), ("lead_status", customer.leadStatus != nil),
            ("teammate_id", customer.teammateID != nil), ("metadata", !customer.metadata.isEmpty),
            ("stripe_customer_id", customer.stripeCustomerID != nil), ("affiliate_partner_id", customer.affiliatePartnerID != nil),
            ("source", customer.source != nil),
            ("billing_addresses", !customer.billingAddresses.isEmpty), ("shipping_addresses", !customer.shippingAddresses.isEmpty),
            ("mailing_lists", !data.mailingLists.isEmpty), ("emails", !data.emails.isEmpty), ("webhooks", !data.webhookDeliveries.isEmpty),
        ]
        for (field, present) in optional where present { held.insert(field) }
        return held
    }
}
