import Foundation

/// Access-log entries as CSV (RFC 4180): lists are joined with `;`.
public enum AccessLogCSV {
    public static let header = "sequence,time,actor_type,actor_id,actor_name,role,teammate_id,action,subjects,fields,purpose,request_id,outcome,recipient"

    public static func row(_ entry: AccessLogEntry) -> String {
        let record = entry.record
        return [String(entry.sequence), AccessLogJSON.timestamp(entry.time), record.actor.kind.rawValue, record.actor.id, record.actor.name,
                record.actor.role, record.actor.teammate, record.action,
                record.subjects.map { $0.uuidString.lowercased() }.joined(separator: ";"), record.fields.joined(separator: ";"),
                record.purpose, record.requestID, record.outcome.rawValue, record.recipient].map(field).joined(separator: ",")
    }

    /// Quoted when it holds a comma, quote or line break; a leading `=`, `+`, `-` or `@` is
    /// prefixed with `'` so spreadsheets do not run it as a formula.
    public static func field(_ text: String) -> String {
        var text = text
        if let first = text.first, "=+-@".contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
