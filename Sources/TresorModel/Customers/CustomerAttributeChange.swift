import Foundation

/// A change to customers' clear attributes, applied to many at once (Tamio's bulk operations on
/// leads): nil leaves an attribute as it is. `leadStatus` and `teammateID` are doubly optional:
/// `.some(nil)` clears them.
public struct CustomerAttributeChange: Sendable, Equatable {
    public var category: CustomerCategory?
    public var priority: CustomerPriority?
    public var leadStatus: String??
    public var teammateID: UUID??

    public init(category: CustomerCategory? = nil, priority: CustomerPriority? = nil, leadStatus: String?? = nil, teammateID: UUID?? = nil) {
        self.category = category
        self.priority = priority
        self.leadStatus = leadStatus
        self.teammateID = teammateID
    }

    /// A lead becomes a customer: its category changes and its lead status goes (Tamio keeps one
    /// for leads only). Its id, data key, history and holds stay as they are.
    public static let upgradeToCustomer = CustomerAttributeChange(category: .customer, leadStatus: .some(nil))

    /// A new lead status, checked as a customer's `lead_status` is.
    public static func leadStatus(_ status: String) throws -> CustomerAttributeChange {
        CustomerAttributeChange(leadStatus: .some(try FieldRules.requiredText(status, field: "lead_status", maximumLength: 64)))
    }

    /// The API names of the attributes this change sets.
    public var fieldNames: [String] {
        var names: [String] = []
        if category != nil { names.append("category") }
        if priority != nil { names.append("priority") }
        if leadStatus != nil { names.append("lead_status") }
        if teammateID != nil { names.append("teammate_id") }
        return names
    }

    /// `attributes` with the change applied, and the names of the attributes that changed.
    public func applied(to attributes: CustomerAttributes) -> (attributes: CustomerAttributes, changedFields: [String]) {
        var updated = attributes
        if let category { updated.category = category }
        if let priority { updated.priority = priority }
        if let leadStatus { updated.leadStatus = leadStatus }
        if let teammateID { updated.teammateID = teammateID }
        if updated.category != .lead { updated.leadStatus = nil }
        var changed: [String] = []
        if updated.category != attributes.category { changed.append("category") }
        if updated.priority != attributes.priority { changed.append("priority") }
        if updated.leadStatus != attributes.leadStatus { changed.append("lead_status") }
        if updated.teammateID != attributes.teammateID { changed.append("teammate_id") }
        return (updated, changed)
    }
}

/// The clear attributes of a customer that ``CustomerAttributeChange`` changes.
public struct CustomerAttributes: Sendable, Equatable {
    public var category: CustomerCategory
    public var priority: CustomerPriority
    public var leadStatus: String?
    public var teammateID: UUID?

    public init(category: CustomerCategory, priority: CustomerPriority, leadStatus: String?, teammateID: UUID?) {
        self.category = category
        self.priority = priority
        self.leadStatus = leadStatus
        self.teammateID = teammateID
    }
}
