import Foundation

/// The deployment's one clock: record timestamps, access-log times, deadlines and expiries all
/// read it, so a test moves time instead of sleeping. ``system`` reads the system time.
public struct WallClock: Sendable {
    private let read: @Sendable () -> Int64

    /// A clock that reads `millisecondsSince1970`.
    public init(millisecondsSince1970: @escaping @Sendable () -> Int64) {
        read = millisecondsSince1970
    }

    /// The system time.
    public static let system = WallClock { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }

    /// Milliseconds since 1970-01-01 UTC.
    public var milliseconds: Int64 { read() }
    /// Whole seconds since 1970-01-01 UTC.
    public var seconds: Int64 { Int64((Double(read()) / 1000).rounded(.down)) }
    public var date: Date { Date(timeIntervalSince1970: Double(read()) / 1000) }
}
