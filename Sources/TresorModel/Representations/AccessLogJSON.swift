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

    /// Appends the JSON of ``entry(_:)`` (the same bytes `JSONWriter` writes for it) without
    /// building a dictionary first: exports write this for every entry of a long log. `time` and
    /// `subjects`, when given, are the entry's already formatted (shared with the CSV row).
    public static func write(_ entry: AccessLogEntry, time: String? = nil, subjects: [String]? = nil, into bytes: inout [UInt8]) {
        let record = entry.record
        func key(_ name: StaticString) {
            bytes.append(UInt8(ascii: ","))
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        }
        func strings(_ values: [String]) {
            bytes.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                JSONWriter.writeString(value, into: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        }
        bytes.append(contentsOf: #"{"action":"#.utf8)
        JSONWriter.writeString(record.action, into: &bytes)
        bytes.append(contentsOf: #","actor":{"id":"#.utf8)
        JSONWriter.writeString(record.actor.id, into: &bytes)
        key("name")
        JSONWriter.writeString(record.actor.name, into: &bytes)
        key("role")
        JSONWriter.writeString(record.actor.role, into: &bytes)
        key("teammate_id")
        if record.actor.teammate.isEmpty { bytes.append(contentsOf: "null".utf8) } else { JSONWriter.writeString(record.actor.teammate, into: &bytes) }
        key("type")
        JSONWriter.writeString(record.actor.kind.rawValue, into: &bytes)
        bytes.append(UInt8(ascii: "}"))
        key("fields")
        strings(record.fields)
        bytes.append(contentsOf: #","object":"access_log_entry""#.utf8)
        key("outcome")
        JSONWriter.writeString(record.outcome.rawValue, into: &bytes)
        key("purpose")
        JSONWriter.writeString(record.purpose, into: &bytes)
        key("recipient")
        if record.recipient.isEmpty { bytes.append(contentsOf: "null".utf8) } else { JSONWriter.writeString(record.recipient, into: &bytes) }
        key("request_id")
        JSONWriter.writeString(record.requestID, into: &bytes)
        key("sequence")
        bytes.append(contentsOf: String(entry.sequence).utf8)
        key("subjects")
        strings(subjects ?? record.subjects.map { $0.uuidString.lowercased() })
        key("time")
        JSONWriter.writeString(time ?? timestamp(entry.time), into: &bytes)
        bytes.append(UInt8(ascii: "}"))
    }

    /// ISO 8601 in UTC with milliseconds: `2026-11-30T09:15:02.117Z`.
    /// Computed directly (the proleptic Gregorian calendar from days since 1970), not with a
    /// formatter: an export writes this for every entry of a long log.
    public static func timestamp(_ milliseconds: Int64) -> String {
        let (seconds, millisecond) = floorDivision(milliseconds, 1000)
        let (days, secondOfDay) = floorDivision(seconds, 86_400)
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2) + "T" + padded(secondOfDay / 3_600, 2) + ":"
            + padded(secondOfDay / 60 % 60, 2) + ":" + padded(secondOfDay % 60, 2) + "." + padded(millisecond, 3) + "Z"
    }

    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let remainder = value % divisor
        return remainder < 0 ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
    }

    private static func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
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
