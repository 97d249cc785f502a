import Foundation
import NIOConcurrencyHelpers
import TresorCrypto

/// Unwrapped data keys kept for a while, so that reading a customer twice does not unwrap its
/// key twice. Bounded in count and in time; a subject's entry is dropped when it is deleted.
package final class DataKeyCache: Sendable {
    private struct Entry {
        package var key: DataKey
        package var expiresAt: ContinuousClock.Instant
    }

    private let capacity: Int
    private let timeToLive: Duration
    private let entries = NIOLockedValueBox<[String: Entry]>([:])

    package init(capacity: Int = 10_000, timeToLive: Duration = .seconds(300)) {
        self.capacity = capacity
        self.timeToLive = timeToLive
    }

    package func key(for subjectID: String) -> DataKey? {
        let now = ContinuousClock.now
        return entries.withLockedValue { entries in
            guard let entry = entries[subjectID] else { return nil }
            guard entry.expiresAt > now else {
                entries[subjectID] = nil
                return nil
            }
            return entry.key
        }
    }

    package func insert(_ key: DataKey, for subjectID: String) {
        let now = ContinuousClock.now
        entries.withLockedValue { entries in
            if entries.count >= capacity {
                entries = entries.filter { $0.value.expiresAt > now }
                // Still full of live keys: drop an arbitrary tenth rather than grow.
                if entries.count >= capacity {
                    for subject in entries.keys.prefix(max(1, capacity / 10)) { entries[subject] = nil }
                }
            }
            entries[subjectID] = Entry(key: key, expiresAt: now.advanced(by: timeToLive))
        }
    }

    package func remove(_ subjectID: String) {
        _ = entries.withLockedValue { $0.removeValue(forKey: subjectID) }
    }

    package var count: Int { entries.withLockedValue { $0.count } }
}
