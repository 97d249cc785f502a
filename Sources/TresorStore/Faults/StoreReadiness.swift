import NIOConcurrencyHelpers

/// Whether a store can take requests now (`/readyz`): a small write commits to every database it
/// writes, and no write has failed on storage in the last ``faultWindow``.
///
/// Both are needed: on a full disk a small write can still commit into space the database already
/// holds while every create fails, so a recent fault keeps the store unready; and with no traffic
/// (a load balancer stopped sending any) the probe alone says when the fault is gone. The
/// probe's outcome is kept for ``probeInterval``, so readiness checks cost at most one small write
/// per interval however often they come.
public final class StoreReadiness: Sendable {
    /// How long a storage fault keeps the store unready after it happened.
    public static let faultWindow: Duration = .seconds(5)
    /// How long one probe's outcome stands.
    public static let probeInterval: Duration = .seconds(1)

    private let store: any CustomerStore
    private let lastProbe = NIOLockedValueBox<(time: ContinuousClock.Instant, fault: StorageFault?)?>(nil)

    public init(store: any CustomerStore) {
        self.store = store
    }

    /// Nil when ready, else the fault that keeps the store from taking requests.
    public func check() async -> StorageFault? {
        if let fault = store.storageHealth.recentFault(within: Self.faultWindow) { return fault }
        if let last = lastProbe.withLockedValue({ $0 }), last.time.duration(to: .now) < Self.probeInterval { return last.fault }
        let fault: StorageFault?
        do {
            try await store.probeWrite()
            fault = nil
        } catch let probeFault as StorageFault {
            fault = probeFault
        } catch {
            fault = StorageFault(.unavailable)
        }
        lastProbe.withLockedValue { $0 = (.now, fault) }
        return fault
    }
}
