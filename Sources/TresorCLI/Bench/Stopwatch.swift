import Foundation

/// Runs an operation repeatedly for a fixed time and reports operations per second.
///
/// Shared machines are noisy (rates of one binary vary by up to 2× between seconds), so a rate is
/// the best of several short rounds, the same rule the baselines are measured with.
enum Stopwatch {
    /// The best rate over `rounds` rounds that together take about `seconds`.
    static func bestRate(seconds: Double, rounds: Int = 5, batch: Int = 1_000, _ operation: () throws -> Void) rethrows -> Double {
        var best = 0.0
        for _ in 0..<rounds {
            best = max(best, try rate(seconds: seconds / Double(rounds), batch: batch, operation))
        }
        return best
    }

    /// Calls `operation` in batches of `batch` until `seconds` have passed (after a short warm-up)
    /// and returns calls per second.
    static func rate(seconds: Double, batch: Int = 1_000, _ operation: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        let warmUpEnd = clock.now.advanced(by: .milliseconds(50))
        while clock.now < warmUpEnd {
            for _ in 0..<batch { try operation() }
        }
        var count = 0
        let start = clock.now
        let end = start.advanced(by: .milliseconds(Int64(seconds * 1_000)))
        var now = start
        while now < end {
            for _ in 0..<batch { try operation() }
            count += batch
            now = clock.now
        }
        let elapsed = start.duration(to: now)
        return Double(count) / elapsed.seconds
    }
}

extension Duration {
    /// The duration in seconds, as a `Double` (for rates and timings).
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
