import Foundation

/// Access-log entries in the API's JSON shape (also used by `tresor audit query --json`).
public enum AccessLogJSON {
    public static func entry(_ entry: AccessLogEntry) -> [String: Any] {
        let record = entry.record
        var actor: [String: Any] = ["type": record.actor.kind.rawValue, "id": record.actor.id, "name": record.actor.name, "role": record.actor.role]
        actor["teammate_id"] = record.actor.teammate.isEmpty ? NSNull() : record.actor.teammate
        return [
            "object": "access_log_entry",
            "sequence": Int(entry.sequence),
            "time": timestamp(entry.time),
            "actor": actor,
            "action": record.action,
            "subjects": record.subjects.map { $0.uuidString.lowercased() },
            "fields": record.fields,
            "purpose": record.purpose,
            "request_id": record.requestID,
            "outcome": record.outcome.rawValue,
            "recipient": record.recipient.isEmpty ? NSNull() : record.recipient,
        ]
    }

    /// ISO 8601 in UTC with milliseconds: `2026-11-30T09:15:02.117Z`.
    public static func timestamp(_ milliseconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }

    /// Milliseconds since 1970 from an ISO 8601 date-time (with or without fractional seconds) or
    /// a date (`2026-11-30`, meaning its start in UTC); nil if it is neither.
    public static func milliseconds(from text: String) -> Int64? {
        let formatter = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime], [.withFullDate]] {
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return Int64((date.timeIntervalSince1970 * 1000).rounded()) }
        }
        return nil
    }
}
