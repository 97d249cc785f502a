import Foundation
import TresorCrypto
import TresorModel
import TresorStore

/// Walks the access log's hash chain and checkpoints (Docs/access-log.md). Needs the log and the
/// trusted public keys, never the master key.
public struct AccessLogVerifier: Sendable {
    /// Public keys by ``AuditSigningKey/id``: checkpoints signed by anything else fail.
    public var trustedKeys: [String: Ed25519PublicKey]

    public init(trustedKeys: [Ed25519PublicKey]) throws {
        var keys: [String: Ed25519PublicKey] = [:]
        for key in trustedKeys { keys[try AuditSigningKey.identifier(of: key)] = key }
        self.trustedKeys = keys
    }

    public func verify(_ reader: AccessLogReader) throws -> AccessLogVerification {
        var walk = try ChainWalk(trustedKeys: trustedKeys)
        do {
            try reader.walk(checkpoints: { try walk.start(with: $0) }, entries: { try walk.visit($0) },
                            subjectIndex: { walk.visitIndexRow($0, $1) })
            walk.finish()
        } catch is ChainWalk.Stop {
            // The first failure is recorded; the rest of the log is not read.
        }
        return walk.result
    }
}

/// The state of one verification pass, fed row by row.
private struct ChainWalk {
    struct Stop: Error {}

    let trustedKeys: [String: Ed25519PublicKey]
    let hasher: SHA256Hasher
    var result = AccessLogVerification()
    var checkpoints: [Int64: AccessLogCheckpoint] = [:]
    var expectedSequence: Int64 = 1
    var previousHash = AccessLogEncoding.genesisHash
    /// Scratch space for the hash being computed; swapped with `previousHash` after each entry.
    var currentHash = [UInt8](repeating: 0, count: SHA256.byteCount)
    var previousTime: Int64 = 0
    /// Order-independent digests of (subject, sequence) pairs from the entries and from the index.
    var entryDigest: UInt64 = 0
    var indexDigest: UInt64 = 0
    var lastCheckpointSequence: Int64 = 0
    /// The highest sequence number the subject index names.
    var lastIndexedSequence: Int64 = 0

    init(trustedKeys: [String: Ed25519PublicKey]) throws {
        self.trustedKeys = trustedKeys
        hasher = try SHA256Hasher()
    }

    mutating func start(with all: [AccessLogCheckpoint]) throws {
        for checkpoint in all { checkpoints[checkpoint.sequence] = checkpoint }
    }

    mutating func visit(_ row: AccessLogReader.StoredEntry) throws {
        if result.entries == 0 { try anchor(before: row.sequence) }
        guard row.sequence == expectedSequence else {
            try fail(expectedSequence, .missing, "entries \(expectedSequence) to \(row.sequence - 1) are not in the log")
        }
        guard let header = AccessLogEncoding.header(of: row.entry) else {
            try fail(row.sequence, .changed, "the entry does not parse")
        }
        if header.sequence != row.sequence {
            try fail(row.sequence, .reordered, "the entry at this place was recorded as entry \(header.sequence)")
        }
        if header.time != row.time { try fail(row.sequence, .changed, "the time column differs from the entry's time") }
        if header.time < previousTime { try fail(row.sequence, .reordered, "its time is earlier than the entry before it") }
        let hasher = self.hasher
        try previousHash.withUnsafeBytes { previous in
            try currentHash.withUnsafeMutableBytes { try hasher.hash(previous, row.entry, into: $0) }
        }
        guard currentHash.withUnsafeBytes({ ConstantTime.equals($0, row.hash) }) else {
            try fail(row.sequence, .changed, "its bytes do not match its hash, or it does not chain to entry \(row.sequence - 1)")
        }
        guard let subjects = AccessLogEncoding.subjectBytes(of: row.entry) else { try fail(row.sequence, .changed, "its subjects do not parse") }
        var offset = 0
        while offset < subjects.count {
            let subject = UnsafeRawBufferPointer(rebasing: subjects[offset..<(offset + 16)])
            entryDigest &+= Self.withLowercasedUUIDText(subject) { Self.digest($0, row.sequence) }
            offset += 16
        }
        if let checkpoint = checkpoints[row.sequence] { try check(checkpoint, hash: currentHash) }

        result.entries += 1
        if result.firstSequence == nil { result.firstSequence = row.sequence }
        result.lastSequence = row.sequence
        expectedSequence = row.sequence + 1
        swap(&previousHash, &currentHash)
        previousTime = header.time
    }

    /// The first entry chains from the genesis hash, or, after pruning, from the checkpoint just before it.
    private mutating func anchor(before first: Int64) throws {
        guard first > 1 else { return }
        guard let anchor = checkpoints[first - 1] else {
            try fail(1, .missing, "entries 1 to \(first - 1) are gone and no checkpoint anchors entry \(first)")
        }
        try checkSignature(anchor)
        result.anchor = anchor
        expectedSequence = first
        previousHash = anchor.chainHash
        previousTime = anchor.time
        lastCheckpointSequence = anchor.sequence
    }

    private mutating func check(_ checkpoint: AccessLogCheckpoint, hash: [UInt8]) throws {
        try checkSignature(checkpoint)
        guard ConstantTime.equals(checkpoint.chainHash, hash) else {
            try fail(checkpoint.sequence, .checkpointMismatch, "the signed chain hash differs: entries up to \(checkpoint.sequence) were rewritten")
        }
        result.checkpointsVerified += 1
        result.lastCheckpoint = checkpoint
        lastCheckpointSequence = checkpoint.sequence
    }

    private mutating func checkSignature(_ checkpoint: AccessLogCheckpoint) throws {
        guard let key = trustedKeys[checkpoint.keyID] else {
            try fail(checkpoint.sequence, .badSignature, "checkpoint signed by \(checkpoint.keyID), which is not a trusted public key")
        }
        let message = AccessLogEncoding.checkpointMessage(sequence: checkpoint.sequence, chainHash: checkpoint.chainHash, time: checkpoint.time)
        guard key.isValidSignature(checkpoint.signature, for: message) else {
            try fail(checkpoint.sequence, .badSignature, "the checkpoint's signature does not verify")
        }
    }

    mutating func visitIndexRow(_ subjectID: UnsafeRawBufferPointer, _ sequence: Int64) {
        lastIndexedSequence = max(lastIndexedSequence, sequence)
        indexDigest &+= Self.digest(subjectID, sequence)
    }

    mutating func finish() {
        let last = result.lastSequence ?? 0
        if result.entries == 0, let newest = checkpoints.values.max(by: { $0.sequence < $1.sequence }) {
            // Everything pruned: the newest checkpoint must still verify as the anchor.
            if (try? checkSignature(newest)) == nil { return }
            result.anchor = newest
            return
        }
        if let beyond = checkpoints.keys.filter({ $0 > last }).min() {
            result.failure = .init(sequence: last + 1, kind: .missing,
                                   reason: "a checkpoint covers entries up to \(beyond), but the log ends at \(last): its tail was cut off")
            return
        }
        if lastIndexedSequence > last {
            result.failure = .init(sequence: last + 1, kind: .missing,
                                   reason: "the subject index names entries up to \(lastIndexedSequence), but the log ends at \(last): its tail was cut off")
            return
        }
        if entryDigest != indexDigest {
            result.failure = .init(sequence: nil, kind: .indexMismatch, reason: "the subject index does not match the entries")
            return
        }
        result.uncoveredEntries = Int(max(0, last - lastCheckpointSequence))
    }

    private mutating func fail(_ sequence: Int64, _ kind: AccessLogVerification.Failure.Kind, _ reason: String) throws -> Never {
        result.failure = .init(sequence: sequence, kind: kind, reason: reason)
        throw Stop()
    }

    /// The 36-character lower-case text of a UUID's 16 bytes, as the subject index stores it.
    private static func withLowercasedUUIDText<Result>(_ bytes: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        var text = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        return withUnsafeMutableBytes(of: &text) { buffer in
            UUID.writeLowercaseText(of: bytes, into: buffer)
            return body(UnsafeRawBufferPointer(rebasing: buffer[0..<36]))
        }
    }

    /// A hash of one (subject id text, sequence) pair; summed, order does not matter.
    private static func digest(_ subject: UnsafeRawBufferPointer, _ sequence: Int64) -> UInt64 {
        var hasher = Hasher()
        hasher.combine(bytes: subject)
        hasher.combine(sequence)
        return UInt64(bitPattern: Int64(hasher.finalize()))
    }
}
