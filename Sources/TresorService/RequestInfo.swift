import Foundation
import TresorModel

/// Who asks, and why: passed to every operation.
public struct RequestInfo: Sendable {
    public var principal: Principal
    /// Echoed in the `request-id` header and recorded with the access.
    public var requestID: String
    /// The purpose the caller gave (`tresor-purpose` header), else the role's default.
    public var purpose: String

    public init(principal: Principal, requestID: String, purpose: String? = nil) {
        self.principal = principal
        self.requestID = requestID
        self.purpose = purpose ?? principal.role.defaultPurpose
    }
}

/// What one operation did, handed to every ``OperationObserver`` (the access log arrives as one).
public struct OperationRecord: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        case ok, denied
        case notFound = "not_found"
        case error
    }

    /// `customer.view`, `customer.update`, `customer.list`, `list.add`, …
    public var action: String
    public var principalID: String
    public var subjects: [UUID]
    /// Field names touched, never values.
    public var fields: [String]
    public var outcome: Outcome
    public var requestID: String
    public var purpose: String
}

/// A cross-cutting concern that sees every operation, in one place (``TresorService/perform``).
public protocol OperationObserver: Sendable {
    func record(_ record: OperationRecord) async
}
