import Foundation
import Mustache
import TresorModel

/// A customer's fields as a template sees them, in Tamio's names (`name`, `last_name`, `email`,
/// `company`, `billing_addresses`, `metadata`, …). It remembers which top-level fields a template
/// read, so the access log names exactly the fields that went into an email.
final class TemplateValues: MustacheParent {
    private let values: [String: Any]
    private(set) var fieldsRead: Set<String> = []

    init(_ customer: Customer) {
        var values: [String: Any] = [
            "id": customer.id.uuidString.lowercased(), "name": customer.name, "email": customer.email,
            "country": customer.country.code.lowercased(), "category": customer.category.rawValue, "priority": customer.priority.rawValue,
            "metadata": customer.metadata,
            "billing_addresses": customer.billingAddresses.map(Self.values(of:)),
            "shipping_addresses": customer.shippingAddresses.map(Self.values(of:)),
        ]
        values["last_name"] = customer.lastName
        values["phone"] = customer.phone
        values["company"] = customer.company
        values["locale"] = customer.locale
        values["timezone_offset"] = customer.timezoneOffset
        values["lead_status"] = customer.leadStatus
        self.values = values
    }

    func child(named name: String) -> Any? {
        guard let value = values[name] else { return nil }
        fieldsRead.insert(name)
        return value
    }

    private static func values(of address: Address) -> [String: Any] {
        var values: [String: Any] = ["id": address.id.uuidString.lowercased(), "country": address.country.code.lowercased(),
                                     "is_company": address.isCompany]
        values["name"] = address.name
        values["last_name"] = address.lastName
        values["company"] = address.company
        values["representative"] = address.representative
        values["email"] = address.email
        values["phone"] = address.phone
        values["address"] = address.address
        values["city"] = address.city
        values["postcode"] = address.postcode
        values["state"] = address.state
        values["locale"] = address.locale
        values["vat"] = address.vat
        return values
    }
}
