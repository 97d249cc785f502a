import Foundation
import Testing
import TresorModel
import TresorStore
import TresorStoreTestSupport

@Suite("Store: storage faults and readiness")
struct StorageFaultConformanceTests {
    @Test("the readiness probe commits to every database without changing data or the access log", arguments: StoreBackend.allCases)
    func probeChangesNothing(backend: StoreBackend) async throws {
        let fixture = try await ConformanceFixture(backend)
        let customer = try await fixture.store.createCustomer(ConformanceFixture.draft("P"))
        let entries = try await fixture.store.accessLogEntryCount(subject: customer.id)
        var total = 0
        try await fixture.store.forEachAccessLogEntry(AccessLogQuery()) { _ in total += 1; return true }

        try await fixture.store.probeWrite()
        try await fixture.store.probeWrite()

        #expect(try await fixture.store.customer(id: customer.id) == customer)
        #expect(try await fixture.store.accessLogEntryCount(subject: customer.id) == entries)
        var after = 0
        try await fixture.store.forEachAccessLogEntry(AccessLogQuery()) { _ in after += 1; return true }
        #expect(after == total)
        #expect(await StoreReadiness(store: fixture.store).check() == nil)
    }

    @Test("a recorded fault keeps the store unready for the fault window, even while writes commit", arguments: StoreBackend.allCases)
    func faultWindow(backend: StoreBackend) async throws {
        let fixture = try await ConformanceFixture(backend)
        let readiness = StoreReadiness(store: fixture.store)
        #expect(await readiness.check() == nil)
        fixture.store.storageHealth.record(StorageFault(.diskFull))
        #expect(await readiness.check() == StorageFault(.diskFull))
        _ = try await fixture.store.createCustomer(ConformanceFixture.draft("C"))
        #expect(await readiness.check() == StorageFault(.diskFull), "a small write that fits does not make the store ready")
        #expect(fixture.store.storageHealth.recentFault(within: .seconds(5)) == StorageFault(.diskFull))
        #expect(fixture.store.storageHealth.recentFault(within: .zero) == nil, "older than the window: forgotten")
    }

    @Test("system errors that are storage faults, and those that are not")
    func systemErrors() {
        #expect(StorageFault(systemError: ENOSPC) == StorageFault(.diskFull))
        #expect(StorageFault(systemError: EROFS) == StorageFault(.readOnly))
        #expect(StorageFault(systemError: EIO) == StorageFault(.ioError))
        #expect(StorageFault(systemError: ENOENT) == nil)
        #expect(StorageFault(.busy).retryAfterSeconds == 1 && StorageFault(.diskFull).retryAfterSeconds == 5)
        #expect(!StorageFault(.diskFull).description.contains("/"), "no path in the description")
    }
}
