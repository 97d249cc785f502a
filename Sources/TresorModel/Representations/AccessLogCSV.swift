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

    /// Appends ``row(_:)`` and CRLF as bytes, checking each field byte by byte. `time` and
    /// `subjects`, when given, are the entry's already formatted (shared with the JSON).
    public static func write(_ entry: AccessLogEntry, time: String? = nil, subjects: [String]? = nil, into bytes: inout [UInt8]) {
        let record = entry.record
        let fields = [String(entry.sequence), time ?? AccessLogJSON.timestamp(entry.time), record.actor.kind.rawValue, record.actor.id,
                      record.actor.name, record.actor.role, record.actor.teammate, record.action,
                      (subjects ?? record.subjects.map { $0.uuidString.lowercased() }).joined(separator: ";"), record.fields.joined(separator: ";"),
                      record.purpose, record.requestID, record.outcome.rawValue, record.recipient]
        for (index, text) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            let utf8 = text.utf8
            let formula = utf8.first.map { $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "@") } ?? false
            let quoted = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            if quoted { bytes.append(UInt8(ascii: "\"")) }
            if formula { bytes.append(UInt8(ascii: "'")) }
            if quoted {
                for byte in utf8 {
                    if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                    bytes.append(byte)
                }
            } else {
                bytes.append(contentsOf: utf8)
            }
            if quoted { bytes.append(UInt8(ascii: "\"")) }
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
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
