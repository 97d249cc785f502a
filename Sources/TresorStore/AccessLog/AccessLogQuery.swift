import Foundation
import TresorModel

/// Filters for reading the access log, combined with AND; entries come in sequence order.
public struct AccessLogQuery: Sendable, Equatable {
    /// Only entries naming this subject.
    public var subject: UUID?
    /// Only entries whose actor id or name is exactly this.
    public var actor: String?
    /// Only this action (`customer.view`), or a family with a trailing `*` (`customer.*`).
    public var action: String?
    /// Milliseconds since 1970, inclusive.
    public var since: Int64?
    /// Milliseconds since 1970, exclusive.
    public var until: Int64?
    /// Cursor: only entries after this sequence number.
    public var afterSequence: Int64 = 0

    public init(subject: UUID? = nil, actor: String? = nil, action: String? = nil, since: Int64? = nil, until: Int64? = nil,
                afterSequence: Int64 = 0) {
        self.subject = subject
        self.actor = actor
        self.action = action
        self.since = since
        self.until = until
        self.afterSequence = afterSequence
    }

    /// Whether a decoded entry passes the filters that are not applied in SQL. The subject is
    /// checked against the entry itself too, so a forged index row cannot add entries.
    package func matches(_ entry: AccessLogEntry) -> Bool {
        if let subject, !entry.record.subjects.contains(subject) { return false }
        if let actor, entry.record.actor.id != actor, entry.record.actor.name != actor { return false }
        if let action {
            if action.hasSuffix("*") {
                if !entry.record.action.hasPrefix(action.dropLast()) { return false }
            } else if entry.record.action != action {
                return false
            }
        }
        return true
    }
}
