/// Whether a record is a paying customer or a lead (Tamio's `category`).
public enum CustomerCategory: String, Codable, Sendable, CaseIterable {
    case customer, lead
}

/// Tamio's `priority`.
public enum CustomerPriority: String, Codable, Sendable, CaseIterable {
    case low, normal, medium, high
}

/// Billing or shipping, Tamio's two address collections.
public enum AddressKind: String, Codable, Sendable, CaseIterable {
    case billing, shipping
}

/// How a customer came into the store (Tamio's `source`).
public enum CustomerSource: String, Codable, Sendable, CaseIterable {
    /// Created through the API (single or bulk).
    case api
    /// Imported from a file (`tresor customers import`).
    case `import`
}
