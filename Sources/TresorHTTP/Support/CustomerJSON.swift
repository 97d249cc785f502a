import Foundation
import TresorModel
import TresorStore

/// Tamio's JSON shapes for customers and addresses, both ways.
enum CustomerJSON {
    static let addressFields: Set<String> = ["name", "last_name", "company", "representative", "email", "phone", "address", "city",
                                             "postcode", "state", "country", "locale", "message", "is_company", "vat", "shipping_address",
                                             "custom_billing_fields"]
    static let customerFields: Set<String> = ["name", "last_name", "email", "phone", "company", "country", "locale", "timezone_offset",
                                              "category", "priority", "lead_status", "teammate_id", "metadata", "stripe_customer_id",
                                              "affiliate_partner_id", "same_shipping_address",
                                              "billing_information", "shipping_information", "billing_addresses", "shipping_addresses"]

    // MARK: In

    static func addressDraft(_ body: JSONBody) throws -> AddressDraft {
        AddressDraft(name: try body.string("name"), lastName: try body.string("last_name"), company: try body.string("company"),
                     representative: try body.string("representative"), email: try body.string("email"), phone: try body.string("phone"),
                     address: try body.string("address"), city: try body.string("city"), postcode: try body.string("postcode"),
                     state: try body.string("state"), country: try body.string("country"), locale: try body.string("locale"),
                     message: try body.string("message"), isCompany: try body.bool("is_company"), vat: try body.string("vat"),
                     customBillingFields: try body.stringMap("custom_billing_fields"))
    }

    /// A create body: Tamio's fields, with addresses as `billing_information`/`shipping_information`
    /// objects or as `billing_addresses`/`shipping_addresses` arrays.
    static func customerDraft(_ body: JSONBody) throws -> CustomerDraft {
        try customerDraftAndSources(body).draft
    }

    /// Where each address of a create body came from, so that an error about
    /// `billing_addresses[0].vat` names the field as the client sent it
    /// (`billing_information.vat`).
    struct AddressSources: Sendable {
        var billing: [String] = []
        var shipping: [String] = []

        /// `error` with its field named as the client sent it.
        func renamed(_ error: FieldError) -> FieldError {
            for (kind, sources) in [("billing_addresses", billing), ("shipping_addresses", shipping)] {
                for (index, source) in sources.enumerated() where error.field == "\(kind)[\(index)]" || error.field.hasPrefix("\(kind)[\(index)].") {
                    let rest = error.field.dropFirst("\(kind)[\(index)]".count)
                    return FieldError(field: source + rest, reason: error.reason.replacingOccurrences(of: error.field, with: source + rest))
                }
            }
            return error
        }

        /// `error` with a field error inside it renamed.
        func renamed(_ error: any Error) -> any Error {
            switch error {
            case let field as FieldError: return renamed(field)
            case let StoreError.invalidField(field): return StoreError.invalidField(renamed(field))
            default: return error
            }
        }
    }

    static func customerDraftAndSources(_ body: JSONBody) throws -> (draft: CustomerDraft, sources: AddressSources) {
        var sources = AddressSources()
        var draft = CustomerDraft(
            name: try body.string("name"), lastName: try body.string("last_name"), email: try body.string("email"),
            phone: try body.string("phone"), company: try body.string("company"), country: try body.string("country"),
            locale: try body.string("locale"), timezoneOffset: try body.string("timezone_offset"), category: try body.string("category"),
            priority: try body.string("priority"), leadStatus: try body.string("lead_status"), teammateID: try body.uuid("teammate_id"),
            metadata: try body.stringMap("metadata"), stripeCustomerID: try body.string("stripe_customer_id"),
            affiliatePartnerID: try body.string("affiliate_partner_id"))
        if let billing = try body.object("billing_information", allowed: addressFields) {
            let address = try addressDraft(billing)
            draft.billingAddresses.append(address)
            sources.billing.append("billing_information")
            if try billing.bool("shipping_address") == true || body.bool("same_shipping_address") == true {
                var shipping = address
                shipping.vat = nil
                shipping.isCompany = nil
                draft.shippingAddresses.append(shipping)
                sources.shipping.append("billing_information")
            }
        }
        if let shipping = try body.object("shipping_information", allowed: addressFields) {
            draft.shippingAddresses.append(try addressDraft(shipping))
            sources.shipping.append("shipping_information")
        }
        for (index, item) in (try body.objects("billing_addresses", allowed: addressFields, limit: 20) ?? []).enumerated() {
            draft.billingAddresses.append(try addressDraft(item))
            sources.billing.append("billing_addresses[\(index)]")
        }
        for (index, item) in (try body.objects("shipping_addresses", allowed: addressFields, limit: 20) ?? []).enumerated() {
            draft.shippingAddresses.append(try addressDraft(item))
            sources.shipping.append("shipping_addresses[\(index)]")
        }
        return (draft, sources)
    }

    static let updateFields: Set<String> = ["name", "last_name", "email", "country", "locale", "timezone_offset", "phone", "company",
                                            "teammate_id", "priority", "category", "lead_status", "metadata", "stripe_customer_id",
                                            "affiliate_partner_id"]

    /// What a retrieved customer holds besides ``updateFields``: accepted in an update body and
    /// ignored, so that a client can post back the object it read (`id` must then be the
    /// customer's own). Addresses change through their own endpoints, lists through theirs.
    static let readOnlyFields: Set<String> = ["id", "object", "created_at", "updated_at", "billing_addresses", "shipping_addresses", "mailing_lists",
                                              "has_notes", "source"]

    /// An update body: `name` is required, as in Tamio; `teammate_id: null` unassigns.
    static func customerPatch(_ body: JSONBody) throws -> CustomerPatch {
        guard try body.string("name") != nil else { throw Problem.invalid(FieldError(field: "name", reason: "is required")) }
        var patch = CustomerPatch(
            name: try body.string("name"), lastName: try body.string("last_name"), email: try body.string("email"),
            phone: try body.string("phone"), company: try body.string("company"), country: try body.string("country"),
            locale: try body.string("locale"), timezoneOffset: try body.string("timezone_offset"), category: try body.string("category"),
            priority: try body.string("priority"), leadStatus: try body.string("lead_status"), metadata: try body.stringMap("metadata"),
            stripeCustomerID: try body.string("stripe_customer_id"), affiliatePartnerID: try body.string("affiliate_partner_id"))
        if body.isExplicitNull("teammate_id") {
            patch.teammateID = .some(nil)
        } else if let teammate = try body.uuid("teammate_id") {
            patch.teammateID = .some(teammate)
        }
        return patch
    }
}
