import Metrics
import NIOConcurrencyHelpers

/// What a store has seen of its storage lately: its last fault. Readiness reads it ("did a write
/// fail in the last few seconds?"); every fault is counted in `tresor_storage_failures_total`,
/// labelled by kind.
///
/// A write that commits does not clear the fault: on a full disk small writes (a read's
/// access-log entry) can still commit into space the database already holds while every create
/// fails, so only time without faults makes the store ready again. The adapter reports each
/// fault here, in the one place where it turns its errors into ``StorageFault``.
public final class StorageHealth: Sendable {
    private struct State {
        var lastFault: (kind: StorageFault.Kind, time: ContinuousClock.Instant)?
    }

    private let state = NIOLockedValueBox(State())
    private let counters: [StorageFault.Kind: Counter]

    public init() {
        var counters: [StorageFault.Kind: Counter] = [:]
        for kind in StorageFault.Kind.allCases {
            counters[kind] = Counter(label: "tresor_storage_failures_total", dimensions: [("kind", kind.rawValue)])
        }
        self.counters = counters
    }

    /// Counts `fault` and remembers it as the latest.
    public func record(_ fault: StorageFault) {
        counters[fault.kind]?.increment()
        state.withLockedValue { $0.lastFault = (fault.kind, .now) }
    }

    /// The last fault, when it happened less than `window` ago.
    public func recentFault(within window: Duration) -> StorageFault? {
        state.withLockedValue { state in
            guard let last = state.lastFault, last.time.duration(to: .now) < window else { return nil }
            return StorageFault(last.kind)
        }
    }
}
