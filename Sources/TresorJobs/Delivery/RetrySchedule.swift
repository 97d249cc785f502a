import Foundation

/// When a failed delivery is tried again: Standard Webhooks' suggested schedule, with jitter.
struct RetrySchedule: Sendable {
    /// Seconds to wait after attempt n (index n-1) fails; after the last, the delivery has failed.
    /// Immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h.
    static let standard = RetrySchedule(delays: [5, 300, 1_800, 7_200, 18_000, 36_000, 50_400, 72_000, 86_400])

    var delays: [Int64]

    /// Seconds to wait after attempt `attempt` (1-based) failed, or nil when no attempt is left.
    /// `retryAfter` (from a 429 or 503) is honoured when longer; jitter is ±10 %.
    func delay(after attempt: Int, retryAfter: Int64? = nil, jitter: Double = Double.random(in: 0.9...1.1)) -> Int64? {
        guard attempt >= 1, attempt <= delays.count else { return nil }
        let scheduled = Int64((Double(delays[attempt - 1]) * jitter).rounded())
        return max(scheduled, retryAfter ?? 0)
    }

    /// A `Retry-After` value: delay seconds, or an HTTP date; nil when absent or unreadable.
    static func retryAfterSeconds(_ value: String?, now: Date = Date()) -> Int64? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Int64(value), seconds >= 0 { return min(seconds, 86_400) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return min(max(0, Int64(date.timeIntervalSince(now))), 86_400)
    }
}
