import Foundation

/// One entry of the access log: a record with its place in the chain.
public struct AccessLogEntry: Sendable, Equatable {
    /// 1, 2, 3, … without gaps.
    public var sequence: Int64
    /// Milliseconds since 1970 (UTC); never decreases along the log.
    public var time: Int64
    public var record: AccessRecord

    public init(sequence: Int64, time: Int64, record: AccessRecord) {
        self.sequence = sequence
        self.time = time
        self.record = record
    }
}
