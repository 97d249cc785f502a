/// A signed statement that the chain had `chainHash` after entry `sequence` at `time`.
public struct AccessLogCheckpoint: Sendable, Equatable {
    public var sequence: Int64
    /// Milliseconds since 1970.
    public var time: Int64
    public var chainHash: [UInt8]
    /// Which audit key signed it (``AuditSigningKey/id``).
    public var keyID: String
    /// Ed25519 over ``AccessLogEncoding/checkpointMessage(sequence:chainHash:time:)``.
    public var signature: [UInt8]

    public init(sequence: Int64, time: Int64, chainHash: [UInt8], keyID: String, signature: [UInt8]) {
        self.sequence = sequence
        self.time = time
        self.chainHash = chainHash
        self.keyID = keyID
        self.signature = signature
    }
}
