import Foundation
import NIOConcurrencyHelpers
import Prometheus

/// Failed authentications, per client: counted in the metrics, and a client with too many in a
/// window has its further failures answered with 429 (not logged one by one) until the window ends.
final class AuthenticationFailures: Sendable {
    /// Failures one client may have in one window before it is refused.
    static let limit = 20
    /// The window, in seconds.
    static let window: Int64 = 60

    private struct Window {
        var start: Int64
        var failures: Int
    }

    private let windows = NIOLockedValueBox<[String: Window]>([:])
    private let clock: @Sendable () -> Int64
    private let failures: Counter

    /// - Parameters:
    ///   - metrics: where `tresor_authentication_failures_total` is counted.
    ///   - clock: seconds since 1970.
    init(metrics: PrometheusCollectorRegistry, clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) {
        self.clock = clock
        failures = metrics.makeCounter(descriptor: MetricNameDescriptor(
            namespace: "tresor", metricName: "authentication_failures", unitName: "total",
            helpText: "Requests refused for a missing, unknown or revoked API key"))
    }

    /// Seconds until `client` may try again, or nil when it may now.
    func retryAfter(client: String) -> Int64? {
        let now = clock()
        return windows.withLockedValue { windows in
            guard let window = windows[client], now - window.start < Self.window, window.failures >= Self.limit else { return nil }
            return window.start + Self.window - now
        }
    }

    /// Counts a failure of `client`.
    func record(client: String) {
        failures.increment()
        let now = clock()
        windows.withLockedValue { windows in
            if windows.count > 10_000 { windows = windows.filter { now - $0.value.start < Self.window } }
            if let window = windows[client], now - window.start < Self.window {
                windows[client]?.failures = window.failures + 1
            } else {
                windows[client] = Window(start: now, failures: 1)
            }
        }
    }
}
