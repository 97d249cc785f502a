import Foundation
import TresorCrypto
import TresorModel

/// The canonical byte encoding of an access-log entry and the hash chain over it
/// (Docs/access-log.md). The stored bytes are what is hashed, so an auditor can recompute the
/// chain from the database with any SHA-256.
///
/// Layout, version 1 (integers big-endian; `LP` = u32 length ‖ UTF-8 bytes):
/// `0x01 ‖ sequence u64 ‖ time ms i64 ‖ subject count u32 ‖ subjects (16 bytes each) ‖
/// LP actor kind ‖ LP actor id ‖ LP actor name ‖ LP actor role ‖ LP actor teammate ‖ LP action ‖
/// field count u32 ‖ LP field … ‖ LP purpose ‖ LP request id ‖ LP outcome ‖ LP recipient`.
public enum AccessLogEncoding {
    public static let formatVersion: UInt8 = 1
    /// The chain's starting value: SHA-256 of this label.
    public static let genesisLabel = "tresor/access-log/v1"
    /// Prefix of the message a checkpoint signs.
    public static let checkpointLabel = "tresor/access-log/checkpoint/v1"

    /// The hash before the first entry.
    public static let genesisHash: [UInt8] = (try? SHA256.hash(Array(genesisLabel.utf8))) ?? []

    public static func encode(_ entry: AccessLogEntry) -> [UInt8] {
        var writer = ByteWriter()
        writer.bytes.append(formatVersion)
        writer.append(UInt64(bitPattern: entry.sequence))
        writer.append(UInt64(bitPattern: entry.time))
        let record = entry.record
        writer.append(UInt32(record.subjects.count))
        for subject in record.subjects {
            withUnsafeBytes(of: subject.uuid) { writer.bytes.append(contentsOf: $0) }
        }
        for text in [record.actor.kind.rawValue, record.actor.id, record.actor.name, record.actor.role, record.actor.teammate, record.action] {
            writer.append(text)
        }
        writer.append(UInt32(record.fields.count))
        for field in record.fields { writer.append(field) }
        writer.append(record.purpose)
        writer.append(record.requestID)
        writer.append(record.outcome.rawValue)
        writer.append(record.recipient)
        return writer.bytes
    }

    public static func decode(_ bytes: [UInt8]) throws -> AccessLogEntry {
        var reader = ByteReader(bytes)
        guard try reader.byte() == formatVersion else { throw AccessLogFormatError("unknown format version") }
        let sequence = Int64(bitPattern: try reader.uint64())
        let time = Int64(bitPattern: try reader.uint64())
        let subjectCount = Int(try reader.uint32())
        guard subjectCount <= bytes.count / 16 else { throw AccessLogFormatError("subject count exceeds the entry") }
        var subjects: [UUID] = []
        subjects.reserveCapacity(subjectCount)
        for _ in 0..<subjectCount { subjects.append(try reader.uuid()) }
        guard let kind = AccessActor.Kind(rawValue: try reader.string()) else { throw AccessLogFormatError("unknown actor kind") }
        let actor = AccessActor(kind: kind, id: try reader.string(), name: try reader.string(), role: try reader.string(),
                                teammate: try reader.string())
        let action = try reader.string()
        let fieldCount = Int(try reader.uint32())
        guard fieldCount <= bytes.count / 4 else { throw AccessLogFormatError("field count exceeds the entry") }
        var fields: [String] = []
        for _ in 0..<fieldCount { fields.append(try reader.string()) }
        let purpose = try reader.string()
        let requestID = try reader.string()
        guard let outcome = AccessRecord.Outcome(rawValue: try reader.string()) else { throw AccessLogFormatError("unknown outcome") }
        let recipient = try reader.string()
        guard reader.isAtEnd else { throw AccessLogFormatError("trailing bytes") }
        let record = AccessRecord(actor: actor, action: action, subjects: subjects, fields: fields, purpose: purpose,
                                  requestID: requestID, outcome: outcome, recipient: recipient)
        return AccessLogEntry(sequence: sequence, time: time, record: record)
    }

    /// The sequence number and time from an entry's fixed header, without decoding the rest.
    public static func header(of bytes: UnsafeRawBufferPointer) -> (sequence: Int64, time: Int64)? {
        guard bytes.count >= 17, bytes[0] == formatVersion else { return nil }
        return (Int64(bitPattern: readUInt64(bytes, at: 1)), Int64(bitPattern: readUInt64(bytes, at: 9)))
    }

    /// The subjects of an encoded entry, read from their fixed position.
    public static func subjects(of bytes: UnsafeRawBufferPointer) -> [UUID]? {
        guard let raw = subjectBytes(of: bytes) else { return nil }
        return stride(from: 0, to: raw.count, by: 16).map { offset in
            var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            withUnsafeMutableBytes(of: &uuid) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + 16)])) }
            return UUID(uuid: uuid)
        }
    }

    /// The bytes of an encoded entry's subjects, 16 per subject, without copying them.
    public static func subjectBytes(of bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        guard bytes.count >= 21 else { return nil }
        let count = Int(readUInt32(bytes, at: 17))
        guard count <= (bytes.count - 21) / 16 else { return nil }
        return UnsafeRawBufferPointer(rebasing: bytes[21..<(21 + count * 16)])
    }

    /// `SHA-256(previous ‖ entry)`: the chain hash after `entry`.
    public static func chainHash(previous: [UInt8], entry: [UInt8]) throws -> [UInt8] {
        try SHA256Hasher().hash(previous, entry)
    }

    /// The message a checkpoint's Ed25519 signature covers:
    /// `"tresor/access-log/checkpoint/v1" ‖ sequence u64 ‖ chain hash (32) ‖ time ms i64`.
    public static func checkpointMessage(sequence: Int64, chainHash: [UInt8], time: Int64) -> [UInt8] {
        var writer = ByteWriter()
        writer.bytes.append(contentsOf: checkpointLabel.utf8)
        writer.append(UInt64(bitPattern: sequence))
        writer.bytes.append(contentsOf: chainHash)
        writer.append(UInt64(bitPattern: time))
        return writer.bytes
    }

    private static func readUInt32(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt32 {
        var value: UInt32 = 0
        for index in offset..<(offset + 4) { value = value << 8 | UInt32(bytes[index]) }
        return value
    }

    private static func readUInt64(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in offset..<(offset + 8) { value = value << 8 | UInt64(bytes[index]) }
        return value
    }
}

/// An entry whose bytes do not parse: a sign of tampering or damage.
public struct AccessLogFormatError: Error, CustomStringConvertible {
    public var description: String
    package init(_ description: String) { self.description = description }
}
