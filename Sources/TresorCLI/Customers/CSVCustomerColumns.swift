import Foundation
import TresorModel

/// The columns of a customer CSV file: Tamio's field names (`name`, `email`, `country`, …),
/// `metadata.KEY` for metadata entries, and one billing and one shipping address as prefixed
/// columns (`billing_name`, `billing_address`, …, `shipping_city`, …). An empty cell is an absent
/// value; an address whose cells are all empty is left out.
struct CSVCustomerColumns {
    static let customerFields = ["name", "last_name", "email", "phone", "company", "country", "locale", "timezone_offset", "category",
                                 "priority", "lead_status", "teammate_id"]
    static let addressFields = ["name", "last_name", "company", "representative", "email", "phone", "address", "city", "postcode",
                                "state", "country", "locale", "message", "is_company", "vat"]

    private let index: [String: Int]
    private let metadataColumns: [(key: String, column: Int)]

    /// Reads the header row; an unknown or repeated column is refused, naming it.
    init(header: [String]) throws {
        var index: [String: Int] = [:]
        var metadata: [(String, Int)] = []
        let known = Set(Self.customerFields + Self.addressFields.flatMap { ["billing_\($0)", "shipping_\($0)"] })
        for (position, rawName) in header.enumerated() {
            let name = rawName.trimmingCharacters(in: .whitespaces)
            if name.hasPrefix("metadata."), name.count > "metadata.".count {
                metadata.append((String(name.dropFirst("metadata.".count)), position))
                continue
            }
            guard known.contains(name) else {
                throw FieldError(field: name, reason: "is not a known column: use Tamio's field names, metadata.KEY, billing_FIELD or shipping_FIELD")
            }
            guard index[name] == nil else { throw FieldError(field: name, reason: "appears twice in the header") }
            index[name] = position
        }
        self.index = index
        metadataColumns = metadata
    }

    /// The draft of one row; a cell that cannot be a value of its field is a ``FieldError`` naming the column.
    func draft(_ row: [String]) throws -> CustomerDraft {
        func cell(_ column: String) -> String? {
            guard let position = index[column], position < row.count else { return nil }
            let value = row[position]
            return value.isEmpty ? nil : value
        }
        var draft = CustomerDraft(
            name: cell("name"), lastName: cell("last_name"), email: cell("email"), phone: cell("phone"), company: cell("company"),
            country: cell("country"), locale: cell("locale"), timezoneOffset: cell("timezone_offset"), category: cell("category"),
            priority: cell("priority"), leadStatus: cell("lead_status"))
        if let teammate = cell("teammate_id") {
            guard let id = UUID(uuidString: teammate) else { throw FieldError(field: "teammate_id", reason: "must be a UUID") }
            draft.teammateID = id
        }
        var metadata: [String: String] = [:]
        for (key, position) in metadataColumns where position < row.count && !row[position].isEmpty {
            metadata[key] = row[position]
        }
        if !metadata.isEmpty { draft.metadata = metadata }
        if let billing = try address("billing", cell) { draft.billingAddresses = [billing] }
        if let shipping = try address("shipping", cell) { draft.shippingAddresses = [shipping] }
        return draft
    }

    private func address(_ prefix: String, _ cell: (String) -> String?) throws -> AddressDraft? {
        guard Self.addressFields.contains(where: { cell("\(prefix)_\($0)") != nil }) else { return nil }
        var isCompany: Bool?
        if let text = cell("\(prefix)_is_company") {
            switch text.lowercased() {
            case "true", "1", "yes": isCompany = true
            case "false", "0", "no": isCompany = false
            default: throw FieldError(field: "\(prefix)_is_company", reason: "must be true or false")
            }
        }
        return AddressDraft(name: cell("\(prefix)_name"), lastName: cell("\(prefix)_last_name"), company: cell("\(prefix)_company"),
                            representative: cell("\(prefix)_representative"), email: cell("\(prefix)_email"), phone: cell("\(prefix)_phone"),
                            address: cell("\(prefix)_address"), city: cell("\(prefix)_city"), postcode: cell("\(prefix)_postcode"),
                            state: cell("\(prefix)_state"), country: cell("\(prefix)_country"), locale: cell("\(prefix)_locale"),
                            message: cell("\(prefix)_message"), isCompany: isCompany, vat: cell("\(prefix)_vat"))
    }
}
