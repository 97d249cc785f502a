import Foundation
import GRDB
import TresorCrypto
import TresorModel
import TresorStore

/// Turns customers, addresses and teammates into rows of sealed and clear columns, and back.
/// The sealing context of every field is (table, column, row id), see Docs/crypto.md.
enum RecordCodec {
    static let customerSealedColumns = ["name", "last_name", "email", "phone", "company", "metadata", "stripe_customer_id", "affiliate_partner_id"]
    static let addressSealedColumns = ["name", "last_name", "company", "representative", "email", "phone",
                                       "address", "city", "postcode", "state", "message", "vat", "custom_billing_fields"]

    // MARK: Sealing

    /// Turns a field value into its stored bytes: sealing under a data key in the store, random
    /// bytes of the same length in the unencrypted benchmark baseline.
    typealias FieldSealer = (_ value: String, _ context: FieldContext) throws -> Data

    static func sealer(for key: DataKey) -> FieldSealer {
        { value, context in Data(try key.seal(value, context: context)) }
    }

    static func seal(_ value: String?, table: String, column: String, rowID: String, key: DataKey) throws -> Data? {
        try seal(value, table: table, column: column, rowID: rowID, with: sealer(for: key))
    }

    static func seal(_ value: String?, table: String, column: String, rowID: String, with sealer: FieldSealer) throws -> Data? {
        guard let value else { return nil }
        return try sealer(value, FieldContext(table: table, column: column, rowID: rowID))
    }

    /// Sealed column values of the customer row, in `customerSealedColumns` order.
    static func sealedCustomerValues(_ customer: Customer, key: DataKey) throws -> [Data?] {
        try sealedCustomerValues(customer, with: sealer(for: key))
    }

    static func sealedCustomerValues(_ customer: Customer, with sealer: FieldSealer) throws -> [Data?] {
        let id = customer.id.lowercasedString
        return try [
            seal(customer.name, table: "customers", column: "name", rowID: id, with: sealer),
            seal(customer.lastName, table: "customers", column: "last_name", rowID: id, with: sealer),
            seal(customer.email, table: "customers", column: "email", rowID: id, with: sealer),
            seal(customer.phone, table: "customers", column: "phone", rowID: id, with: sealer),
            seal(customer.company, table: "customers", column: "company", rowID: id, with: sealer),
            seal(StoredMap.json(customer.metadata), table: "customers", column: "metadata", rowID: id, with: sealer),
            seal(customer.stripeCustomerID, table: "customers", column: "stripe_customer_id", rowID: id, with: sealer),
            seal(customer.affiliatePartnerID, table: "customers", column: "affiliate_partner_id", rowID: id, with: sealer),
        ]
    }

    static func insertCustomer(_ customer: Customer, emailIndex: [UInt8], key: DataKey, into db: Database) throws {
        try insertCustomer(customer, emailIndex: emailIndex, sealer: sealer(for: key), into: db)
    }

    static func insertCustomer(_ customer: Customer, emailIndex: [UInt8], sealer: FieldSealer, into db: Database) throws {
        var values: [(any DatabaseValueConvertible)?] = [customer.id.lowercasedString]
        values += try sealedCustomerValues(customer, with: sealer)
        values += [Data(emailIndex), customer.country.code, customer.locale, customer.timezoneOffset, customer.category.rawValue,
                   customer.priority.rawValue, customer.leadStatus, customer.teammateID?.lowercasedString, customer.source?.rawValue,
                   customer.createdAt, customer.updatedAt]
        try db.cachedStatement(sql: """
            INSERT INTO customers (id, \(customerSealedColumns.joined(separator: ", ")), email_index, country, locale,
                                   timezone_offset, category, priority, lead_status, teammate_id, source, created_at, updated_at)
            VALUES (\(Array(repeating: "?", count: values.count).joined(separator: ", ")))
            """).execute(arguments: StatementArguments(values))
        for (position, address) in customer.addresses.enumerated() {
            try insertAddress(address, customerID: customer.id, position: position, sealer: sealer, into: db)
        }
    }

    static func insertAddress(_ address: Address, customerID: UUID, position: Int, key: DataKey, into db: Database) throws {
        try insertAddress(address, customerID: customerID, position: position, sealer: sealer(for: key), into: db)
    }

    static func insertAddress(_ address: Address, customerID: UUID, position: Int, sealer: FieldSealer, into db: Database) throws {
        let id = address.id.lowercasedString
        var values: [(any DatabaseValueConvertible)?] = [id, customerID.lowercasedString, address.kind.rawValue, position]
        for (column, value) in address.sealedFields {
            values.append(try seal(value, table: "addresses", column: column, rowID: id, with: sealer))
        }
        values += [address.country.code, address.locale, address.isCompany, address.verifiedVAT]
        try db.cachedStatement(sql: """
            INSERT INTO addresses (id, customer_id, kind, position, \(addressSealedColumns.joined(separator: ", ")),
                                   country, locale, is_company, verified_vat)
            VALUES (\(Array(repeating: "?", count: values.count).joined(separator: ", ")))
            """).execute(arguments: StatementArguments(values))
    }

    // MARK: Opening

    static func open(_ row: Row, column: String, table: String, rowID: String, key: DataKey) throws -> String? {
        guard let sealed = row[column] as Data? else { return nil }
        return try key.openString(Array(sealed), context: FieldContext(table: table, column: column, rowID: rowID))
    }

    static func customer(from row: PositionalRow<CustomerColumn>, addresses: [Address], mailingListIDs: [UUID], key: DataKey) throws -> Customer {
        let id = try row.text(.id)
        func text(_ column: CustomerColumn) throws -> String? { try row.open(column, rowID: id, key: key) }
        guard let metadata = metadata(fromJSON: try text(.metadata)) else { throw row.failure(.metadata) }
        var customer = Customer(
            id: try row.uuid(.id),
            name: try text(.name) ?? "",
            lastName: try text(.lastName),
            email: try text(.email) ?? "",
            phone: try text(.phone),
            company: try text(.company),
            country: try row.country(.country),
            locale: try row.optionalText(.locale),
            timezoneOffset: try row.optionalText(.timezoneOffset),
            category: try row.enumeration(.category),
            priority: try row.enumeration(.priority),
            leadStatus: try row.optionalText(.leadStatus),
            teammateID: try row.optionalUUID(.teammateID),
            metadata: metadata,
            stripeCustomerID: try text(.stripeCustomerID),
            affiliatePartnerID: try text(.affiliatePartnerID),
            source: try row.optionalParsed(.source, CustomerSource.init(rawValue:)),
            createdAt: try row.integer(.createdAt),
            updatedAt: try row.integer(.updatedAt),
            mailingListIDs: mailingListIDs)
        for address in addresses {
            if address.kind == .billing { customer.billingAddresses.append(address) } else { customer.shippingAddresses.append(address) }
        }
        return customer
    }

    static func address(from row: PositionalRow<AddressColumn>, key: DataKey) throws -> Address {
        let id = try row.text(.id)
        func text(_ column: AddressColumn) throws -> String? { try row.open(column, rowID: id, key: key) }
        guard let customBillingFields = metadata(fromJSON: try text(.customBillingFields)) else { throw row.failure(.customBillingFields) }
        return Address(
            id: try row.uuid(.id),
            kind: try row.enumeration(.kind),
            name: try text(.name), lastName: try text(.lastName), company: try text(.company),
            representative: try text(.representative), email: try text(.email), phone: try text(.phone),
            address: try text(.address), city: try text(.city), postcode: try text(.postcode),
            state: try text(.state), country: try row.country(.country),
            locale: try row.optionalText(.locale), message: try text(.message), isCompany: try row.flag(.isCompany),
            vat: try text(.vat), verifiedVAT: try row.flag(.verifiedVAT),
            customBillingFields: customBillingFields)
    }

    // MARK: Metadata

    /// The metadata object (empty for none), or nil when the text is not one.
    static func metadata(fromJSON json: String?) -> [String: String]? {
        guard let json else { return [:] }
        return try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))
    }
}

extension UUID {
    /// The canonical lower-case text form used as row id and sealing context.
    var lowercasedString: String { uuidString.lowercased() }
}
