/// Why a value given for a field was refused; `field` is the JSON path as the API names it
/// (`email`, `billing_addresses[0].country`). Messages never repeat the value itself, since
/// it may be personal data.
public struct FieldError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The field, as a JSON path in the API's snake_case names.
    public var field: String
    /// What is wrong, for a person.
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field): \(reason)" }

    /// The same error for a field nested under `parent` (`billing_addresses[0]`).
    public func nested(under parent: String) -> FieldError {
        FieldError(field: "\(parent).\(field)", reason: reason)
    }
}
