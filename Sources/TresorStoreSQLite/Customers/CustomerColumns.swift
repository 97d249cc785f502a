import TresorCrypto

/// The columns of a customer's row as the store reads them, in select-list order.
enum CustomerColumn: Int32, StoredColumns {
    case id, name, lastName, email, phone, company, metadata, country, locale, timezoneOffset, category, priority,
         leadStatus, teammateID, createdAt, updatedAt, stripeCustomerID, affiliatePartnerID, source

    static let table = "customers"
    static let names = ["id", "name", "last_name", "email", "phone", "company", "metadata", "country", "locale",
                        "timezone_offset", "category", "priority", "lead_status", "teammate_id", "created_at", "updated_at",
                        "stripe_customer_id", "affiliate_partner_id", "source"]
    static let selectList = names.joined(separator: ", ")
    static let sealing = names.map { SealedColumn(table: table, column: $0) }
}

/// The columns of an address row as the store reads them, in select-list order.
enum AddressColumn: Int32, StoredColumns {
    case id, customerID, kind, position, name, lastName, company, representative, email, phone, address, city, postcode,
         state, message, vat, country, locale, isCompany, verifiedVAT, customBillingFields

    static let table = "addresses"
    static let names = ["id", "customer_id", "kind", "position", "name", "last_name", "company", "representative", "email",
                        "phone", "address", "city", "postcode", "state", "message", "vat", "country", "locale", "is_company",
                        "verified_vat", "custom_billing_fields"]
    static let selectList = names.joined(separator: ", ")
    static let sealing = names.map { SealedColumn(table: table, column: $0) }
}

/// The columns of a mailing-list membership as the store reads them.
enum MembershipColumn: Int32, StoredColumns {
    case customerID, listID

    static let table = "mailing_list_members"
    static let names = ["customer_id", "list_id"]
    static let selectList = names.joined(separator: ", ")
    static let sealing = names.map { SealedColumn(table: table, column: $0) }
}
