import Foundation
import TresorCrypto
import TresorModel

/// One line of the erasure ledger: that a subject (or a hold's retained data) was erased, when,
/// chained to the line before by SHA-256. It holds no personal data: the subject id is a random
/// UUID that, once the subject's key is destroyed, opens nothing (Docs/erasure.md).
public struct ErasureLedgerEntry: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// A customer: key destroyed, rows deleted.
        case customer
        /// A teammate: key destroyed, row deleted.
        case teammate
        /// Data retained under a legal hold, erased when the hold ended.
        case retained
    }

    public static let genesisHash = [UInt8](repeating: 0, count: 32)

    public var sequence: Int64
    /// Milliseconds since 1970.
    public var time: Int64
    public var kind: Kind
    public var subjectID: String
    /// The hold whose retained data was erased (kind `retained`).
    public var holdID: String?
    public var previousHash: [UInt8]
    public var hash: [UInt8]

    /// A new entry after `previousHash`, its hash computed.
    package init(sequence: Int64, time: Int64, kind: Kind, subjectID: String, holdID: String?, previousHash: [UInt8]) throws {
        self.init(sequence: sequence, time: time, kind: kind, subjectID: subjectID, holdID: holdID, previousHash: previousHash, hash: [])
        hash = try computedHash()
    }

    /// An entry as stored, with the hash it was stored with.
    package init(sequence: Int64, time: Int64, kind: Kind, subjectID: String, holdID: String?, previousHash: [UInt8], hash: [UInt8]) {
        self.sequence = sequence
        self.time = time
        self.kind = kind
        self.subjectID = subjectID
        self.holdID = holdID
        self.previousHash = previousHash
        self.hash = hash
    }

    /// SHA-256 of `tresor/erasure-ledger/v1`, the fields and the previous hash, one per line.
    package func computedHash() throws -> [UInt8] {
        let text = ["tresor/erasure-ledger/v1", String(sequence), String(time), kind.rawValue, subjectID, holdID ?? "-", previousHash.hexString]
            .joined(separator: "\n") + "\n"
        return try SHA256.hash(Array(text.utf8))
    }

    /// The entry as one JSON line of `erasure-ledger.jsonl`, keys in a fixed order.
    package var line: String {
        var bytes: [UInt8] = []
        bytes += Array("{\"seq\":\(sequence),\"time\":".utf8)
        JSONWriter.writeString(AccessLogJSON.timestamp(time), into: &bytes)
        bytes += Array(",\"kind\":\"\(kind.rawValue)\",\"subject_id\":".utf8)
        JSONWriter.writeString(subjectID, into: &bytes)
        bytes += Array(",\"hold_id\":".utf8)
        if let holdID { JSONWriter.writeString(holdID, into: &bytes) } else { bytes += Array("null".utf8) }
        bytes += Array(",\"prev\":\"\(previousHash.hexString)\",\"hash\":\"\(hash.hexString)\"}".utf8)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses a line of `erasure-ledger.jsonl`; nil when it is not one.
    package init?(line: Substring) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let sequence = (object["seq"] as? NSNumber)?.int64Value, let timeText = object["time"] as? String,
              let time = AccessLogJSON.milliseconds(from: timeText), let kind = (object["kind"] as? String).flatMap(Kind.init(rawValue:)),
              let subjectID = object["subject_id"] as? String, let previous = (object["prev"] as? String).flatMap([UInt8].init(hexString:)),
              let hash = (object["hash"] as? String).flatMap([UInt8].init(hexString:))
        else { return nil }
        self.init(sequence: sequence, time: time, kind: kind, subjectID: subjectID, holdID: object["hold_id"] as? String,
                  previousHash: previous, hash: hash)
    }
}
