import Foundation
import Testing
import TresorModel
import TresorStore
@testable import TresorStoreSQLite

/// An erasure with a legal hold that crashed after writing the hold's key and before its
/// transaction: the retry keeps that key and retains the data under it.
@Suite("legal hold recovery")
struct LegalHoldRecoveryTests {
    @Test("a retry after a crash between the hold's key and the erasure's transaction erases the customer and keeps the held data readable")
    func retryAfterCrash() async throws {
        let fixture = try await StoreFixture()
        let customer = try await fixture.store.createCustomer(StoreFixture.draft("QZRETRY"))
        let hold = try await fixture.store.legalHolds.create(LegalHold(
            customerID: customer.id, category: .billingAddresses, legalBasis: "AO §147", purpose: "invoicing",
            until: CalendarDay(year: 2099, month: 12, day: 31)!, createdAt: fixture.clock.now))
        // The crashed attempt: the hold's key written (pending), nothing else.
        _ = try await StoreRules.prepareRetention(for: [hold], now: fixture.clock.now, keys: fixture.store.keys)
        try await fixture.reopen()

        try await fixture.store.deleteCustomer(id: customer.id)

        await #expect(throws: StoreError.self) { try await fixture.store.customer(id: customer.id) }
        let retained = try JSONSerialization.jsonObject(with: try await fixture.store.legalHolds.retainedData(holdID: hold.id)) as? [String: Any]
        let billing = retained?["billing_addresses"] as? [[String: Any]]
        #expect(billing?.first?["name"] as? String == "BillQZRETRY")
        #expect(try await fixture.store.legalHolds.hold(id: hold.id).status == .retained)

        // Ended early (tresor retention end): the copy and its key go, the ledger records it.
        _ = try await fixture.store.endHold(id: hold.id, recording: SQLiteCustomerStore.testRecord)
        await #expect(throws: StoreError.self) { try await fixture.store.legalHolds.retainedData(holdID: hold.id) }
        #expect(try await fixture.store.keys.key(for: LegalHold.keyID(of: hold.id)) == nil)
        let ledger = try ErasureLedgerFile.readAll(fixture.directory.appendingPathComponent("erasure-ledger.jsonl"))
        #expect(ledger.map(\.kind) == [.customer, .retained] && ledger.last?.holdID == hold.id.lowercaseText)
    }
}
