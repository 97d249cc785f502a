import Foundation

/// A category of a customer's data that a legal hold can keep past an erasure (Art. 17(3)(b),
/// kept restricted under Art. 18). Each names the customer fields it covers.
public enum HoldCategory: String, Sendable, CaseIterable, Codable {
    /// Name, last name and company.
    case identity
    /// Email and phone.
    case contact
    /// Every billing address, whole (invoice-related data).
    case billingAddresses = "billing_addresses"
    /// Every shipping address, whole.
    case shippingAddresses = "shipping_addresses"
    /// Category, priority, lead status, teammate and metadata.
    case relationship

    /// The customer fields (Tamio names) this category covers.
    public var fields: [String] {
        switch self {
        case .identity: return ["name", "last_name", "company"]
        case .contact: return ["email", "phone"]
        case .billingAddresses: return ["billing_addresses"]
        case .shippingAddresses: return ["shipping_addresses"]
        case .relationship: return ["category", "priority", "lead_status", "teammate_id", "metadata"]
        }
    }

    /// The part of `customer` this category covers, in Tamio's JSON shapes.
    public func values(of customer: Customer) -> [String: Any] {
        let full = TamioCustomerJSON.customer(customer)
        var part: [String: Any] = ["id": customer.id.lowercaseText]
        for field in fields { part[field] = full[field] ?? NSNull() }
        return part
    }
}
