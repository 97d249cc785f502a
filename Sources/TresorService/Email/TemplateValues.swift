import Foundation
import Mustache
import TresorModel

/// A customer's fields as a template sees them, in Tamio's names (`name`, `last_name`, `email`,
/// `company`, `billing_addresses`, `metadata`, …). It remembers which top-level fields a template
/// read, so the access log names exactly the fields that went into an email.
final class TemplateValues: MustacheParent {
    private let values: [String: Any]
    /// Every top-level field name, those without a value too.
    private let names: Set<String>
    /// The fields the template asked for, whether or not this customer has a value for them
    /// (what the template reads does not depend on the customer, and neither do its permissions).
    private(set) var fieldsRead: Set<String> = []

    /// The customer's values as `policy` shows them (so that nothing the sender may not see, not
    /// even a nested field such as an address's `vat`, can reach a message); every field's name.
    init(_ customer: Customer, policy: FieldPolicy = .plain) {
        names = Set(TamioCustomerJSON.customer(customer).keys)
        values = Self.withoutNulls(TamioCustomerJSON.customer(policy.apply(to: customer), policy: policy)) as? [String: Any] ?? [:]
    }

    func child(named name: String) -> Any? {
        if names.contains(name) { fieldsRead.insert(name) }
        return values[name]
    }

    /// The Tamio JSON shape without its `null`s, which a template should render as nothing.
    private static func withoutNulls(_ value: Any) -> Any? {
        switch value {
        case is NSNull: return nil
        case let object as [String: Any]: return object.compactMapValues(withoutNulls)
        case let array as [Any]: return array.compactMap(withoutNulls)
        default: return value
        }
    }
}
