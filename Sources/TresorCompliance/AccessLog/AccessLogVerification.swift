import Foundation
import TresorStore

/// What `tresor audit verify` found: counts and coverage, or the first entry where the log breaks.
public struct AccessLogVerification: Sendable {
    public struct Failure: Sendable, Equatable, CustomStringConvertible {
        public enum Kind: String, Sendable {
            /// The entry's bytes do not match its hash or do not parse.
            case changed
            /// Entries are absent (a gap, or a checkpoint covering entries that are gone).
            case missing
            /// The entry sits at the wrong place in the log.
            case reordered
            /// A checkpoint's signature does not verify, or its key is not trusted.
            case badSignature = "bad_signature"
            /// A validly signed checkpoint disagrees with the chain: entries up to it were rewritten.
            case checkpointMismatch = "checkpoint_mismatch"
            /// The subject index does not match the entries (queries by customer would mislead).
            case indexMismatch = "index_mismatch"
        }

        /// The first sequence number found bad (nil when the fault is not tied to one entry).
        public var sequence: Int64?
        public var kind: Kind
        public var reason: String

        public var description: String {
            if let sequence { return "entry \(sequence): \(kind.rawValue) (\(reason))" }
            return "\(kind.rawValue) (\(reason))"
        }
    }

    /// Entries walked.
    public var entries = 0
    /// Checkpoints whose signature and chain hash were checked.
    public var checkpointsVerified = 0
    public var firstSequence: Int64?
    public var lastSequence: Int64?
    /// The checkpoint the remaining entries chain from after pruning, if any.
    public var anchor: AccessLogCheckpoint?
    /// The newest verified checkpoint.
    public var lastCheckpoint: AccessLogCheckpoint?
    /// Entries after the last checkpoint: intact as far as the chain shows, but not yet signed.
    public var uncoveredEntries = 0
    /// The first fault, or nil when the log verifies.
    public var failure: Failure?

    public var isValid: Bool { failure == nil }
}
